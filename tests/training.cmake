inklens_add_test(test_trainer SOURCES test_trainer.cpp LIBS inklens_training)
inklens_add_test(test_augment SOURCES test_augment.cpp LIBS inklens_training)
inklens_add_test(test_dataset SOURCES test_dataset.cpp LIBS inklens_training)
