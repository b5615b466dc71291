inklens_add_test(test_trainer SOURCES test_trainer.cpp LIBS inklens_training)
