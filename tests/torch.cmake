# tools/torch (training in PyTorch) against the engine: tools/torch/check_equal.py draws a
# few line pictures, runs the built inklens on them (inklens logprobs) and checks the model
# file round trip (byte-identical), the log-probabilities (<= 1e-4) and the line
# normalization of both engines; --train-smoke adds two steps of train.py, a third resumed
# from its checkpoint, and the same checks on the model it writes. Needs Debian's
# python3-torch, python3-opencv and python3-numpy at /usr/bin/python3; without them the
# script exits 77 and the test is skipped.
if(EXISTS /usr/bin/python3)
  add_test(NAME torch_tools
           COMMAND /usr/bin/python3 ${PROJECT_SOURCE_DIR}/tools/torch/check_equal.py
                   --inklens $<TARGET_FILE:inklens>
                   --model ${PROJECT_SOURCE_DIR}/resources/models/default.safetensors --train-smoke)
  set_tests_properties(torch_tools PROPERTIES
    SKIP_RETURN_CODE 77 TIMEOUT ${INKLENS_TEST_TIMEOUT}
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;OMP_NUM_THREADS=1;${INKLENS_SANITIZER_TEST_ENV}")
endif()
