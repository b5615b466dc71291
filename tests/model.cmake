inklens_add_test(test_crnn SOURCES test_crnn.cpp gradcheck.h test_nets.h LIBS inklens_model)
inklens_add_test(test_torch_crossref SOURCES test_torch_crossref.cpp LIBS inklens_model)
inklens_add_test(test_model_file SOURCES test_model_file.cpp LIBS inklens_model)
inklens_add_test(test_lm_file SOURCES test_lm_file.cpp test_models.h LIBS inklens_model inklens_imaging Qt6::Gui)
