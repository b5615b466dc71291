# service::readPageImage (page pictures: formats, TIFF pages, EXIF, downscaled, bad files)
# and service page formats (PAGE XML, hOCR, ALTO, text: writers, readers, round trips).
inklens_add_test(test_page_image SOURCES test_page_image.cpp LIBS inklens_service)
inklens_add_test(test_page_formats SOURCES test_page_formats.cpp LIBS inklens_service)
