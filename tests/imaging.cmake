# Line normalization (core/imaging).
inklens_add_test(test_line_image SOURCES test_line_image.cpp LIBS inklens_imaging)
