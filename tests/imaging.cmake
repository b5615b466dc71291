# Line normalization (core/imaging).
inklens_add_test(test_line_image SOURCES test_line_image.cpp LIBS inklens_imaging)

# Ink drawn at the size of the scans (issue #13): the x-height estimate and its invariance.
inklens_add_test(test_ink_size SOURCES test_ink_size.cpp LIBS inklens_imaging inklens_training)

# Ink with several lines split into lines (issue #14): baselines, delayed strokes, slopes.
inklens_add_test(test_ink_lines SOURCES test_ink_lines.cpp LIBS inklens_imaging inklens_training)

# Page analysis (issue #14): pages drawn with noise, shadow, rules, skew, touching lines,
# print and a margin note; each stage on its own.
inklens_add_test(test_page_layout SOURCES test_page_layout.cpp LIBS inklens_imaging Qt6::Gui)
