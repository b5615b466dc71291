# Model file I/O: safetensors reader/writer and the charset (core/model).
inklens_add_test(test_safetensors SOURCES test_safetensors.cpp LIBS inklens_model)
inklens_add_test(test_charset SOURCES test_charset.cpp LIBS inklens_model)
