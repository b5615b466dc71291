# CTC loss and decoders (core/ctc).
inklens_add_test(test_ctc SOURCES test_ctc.cpp ctc_paths.h LIBS inklens_ctc)
inklens_add_test(test_decode SOURCES test_decode.cpp ctc_paths.h LIBS inklens_ctc)
inklens_add_test(test_char_lm SOURCES test_char_lm.cpp LIBS inklens_ctc)
inklens_add_test(test_lexicon SOURCES test_lexicon.cpp LIBS inklens_model)
