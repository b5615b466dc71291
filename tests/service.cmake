# Qt-facing services (core/service): InkML files and the recognition worker.
inklens_add_test(test_inkml SOURCES test_inkml.cpp test_models.h LIBS inklens_service)
inklens_add_test(test_recognition_service SOURCES test_recognition_service.cpp test_models.h LIBS inklens_service)
inklens_add_test(test_documents SOURCES test_documents.cpp test_models.h LIBS inklens_service)
# service::readFile, loadModel and evaluate (the reading and scoring under recognize and eval).
inklens_add_test(test_evaluation SOURCES test_evaluation.cpp test_models.h LIBS inklens_service)
# service::PageDocument: the page view's undoable line edits.
inklens_add_test(test_page_document SOURCES test_page_document.cpp LIBS inklens_service)
# service::readPageImage (page pictures: formats, TIFF pages, EXIF, downscaled, bad files)
# and service page formats (PAGE XML, hOCR, ALTO, text: writers, readers, round trips).
inklens_add_test(test_page_image SOURCES test_page_image.cpp LIBS inklens_service)
inklens_add_test(test_page_formats SOURCES test_page_formats.cpp LIBS inklens_service)
