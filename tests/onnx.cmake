# ONNX export (core/model/onnx_export.h, app/cli_export.cpp): the exported file run by
# OpenCV's DNN module (Debian libopencv-dnn-dev, scripts/setup.sh), which only this test
# links; the application never does.
find_library(INKLENS_OPENCV_DNN opencv_dnn)
if(NOT INKLENS_OPENCV_DNN)
  message(FATAL_ERROR "OpenCV DNN not found (Debian: libopencv-dnn-dev; scripts/setup.sh installs it), or configure with -DBUILD_TESTING=OFF")
endif()
inklens_add_test(test_onnx_export SOURCES test_onnx_export.cpp cli_run.h test_nets.h
  LIBS inklens_model inklens_opencv ${INKLENS_OPENCV_DNN})
target_compile_definitions(test_onnx_export PRIVATE
  INKLENS_BIN="$<TARGET_FILE:inklens>"
  INKLENS_SOURCE_MODEL="${CMAKE_SOURCE_DIR}/resources/models/default.safetensors")
add_dependencies(test_onnx_export inklens)

# scripts/check-onnx.py (onnx.checker, full check) on the bundled model as exported, where
# Debian's python3-onnx is installed.
execute_process(COMMAND /usr/bin/python3 -c "import onnx" RESULT_VARIABLE INKLENS_NO_PYTHON_ONNX
  OUTPUT_QUIET ERROR_QUIET)
if(INKLENS_NO_PYTHON_ONNX EQUAL 0)
  set(_onnx_file ${CMAKE_BINARY_DIR}/tests/check_onnx.onnx)
  add_test(NAME check_onnx COMMAND sh -c
    "$<TARGET_FILE:inklens> export --onnx ${_onnx_file} --model ${CMAKE_SOURCE_DIR}/resources/models/default.safetensors && /usr/bin/python3 ${CMAKE_SOURCE_DIR}/scripts/check-onnx.py ${_onnx_file}")
  set_tests_properties(check_onnx PROPERTIES
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;${INKLENS_SANITIZER_TEST_ENV}" TIMEOUT ${INKLENS_TEST_TIMEOUT})
else()
  message(STATUS "No python3-onnx for /usr/bin/python3: the check_onnx test is left out")
endif()
