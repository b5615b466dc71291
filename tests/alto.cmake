# service::altoXml / readAlto (issue #14): ALTO v4 written and read back, older spellings,
# bad input.
inklens_add_test(test_alto SOURCES test_alto.cpp LIBS inklens_service)
