# The installed program (issue #16): `cmake --install` into a fresh prefix under the build
# folder, then the installed inklens prints its version and reads a line it wrote, with
# the model and language model installed beside it (tests/scripts/check_install.cmake).
# Fast: reuses the build.
add_test(NAME check_install
  COMMAND ${CMAKE_COMMAND} -DBUILD_DIR=${CMAKE_BINARY_DIR} -DPREFIX=${CMAKE_BINARY_DIR}/tests/install-prefix
          -DBUILD_BIN=$<TARGET_FILE:inklens> -DAPP_ID=${INKLENS_APP_ID} -DVERSION=${PROJECT_VERSION}
          -P ${CMAKE_CURRENT_SOURCE_DIR}/scripts/check_install.cmake)
set(_install_env QT_QPA_PLATFORM=offscreen OMP_NUM_THREADS=${INKLENS_TEST_OMP_THREADS} ${INKLENS_SANITIZER_TEST_ENV})
set_tests_properties(check_install PROPERTIES ENVIRONMENT "${_install_env}" TIMEOUT ${INKLENS_TEST_TIMEOUT})
