inklens_add_test(test_crnn SOURCES test_crnn.cpp gradcheck.h test_nets.h LIBS inklens_model)
inklens_add_test(test_torch_crossref SOURCES test_torch_crossref.cpp LIBS inklens_model)
inklens_add_test(test_model_file SOURCES test_model_file.cpp LIBS inklens_model)
inklens_add_test(test_lm_file SOURCES test_lm_file.cpp test_models.h LIBS inklens_reading Qt6::Gui)
# The one reading path (core/reading): ink, pictures and lines through reading::Reader.
inklens_add_test(test_reader SOURCES test_reader.cpp test_models.h test_ink.h LIBS inklens_reading inklens_training Qt6::Gui)
target_compile_definitions(test_reader PRIVATE
  INKLENS_SOURCE_MODEL="${CMAKE_SOURCE_DIR}/resources/models/default.safetensors")
inklens_add_test(test_presets SOURCES test_presets.cpp LIBS inklens_model)
