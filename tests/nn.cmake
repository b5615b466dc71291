inklens_add_test(test_layers SOURCES test_layers.cpp gradcheck.h LIBS inklens_nn)
# Which kernels run (nn/kernels.h): never a generic fallback on an AVX2 CPU.
inklens_add_test(test_kernels SOURCES test_kernels.cpp LIBS inklens_nn)
if(INKLENS_NATIVE)
  target_compile_definitions(test_kernels PRIVATE INKLENS_TEST_NATIVE_BUILD=1)
else()
  target_compile_definitions(test_kernels PRIVATE INKLENS_TEST_NATIVE_BUILD=0)
endif()
