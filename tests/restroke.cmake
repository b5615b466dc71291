# Re-stroking scanned lines into pen ink (core/training/restroke, core/service/restroke_folder,
# 'inklens restroke').
inklens_add_test(test_restroke SOURCES test_restroke.cpp LIBS inklens_training)
