inklens_add_test(test_layers SOURCES test_layers.cpp gradcheck.h LIBS inklens_nn)
