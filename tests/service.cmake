# Qt-facing services (core/service): InkML files and the recognition worker.
inklens_add_test(test_inkml SOURCES test_inkml.cpp test_models.h LIBS inklens_service)
inklens_add_test(test_recognition_service SOURCES test_recognition_service.cpp test_models.h LIBS inklens_service)
inklens_add_test(test_documents SOURCES test_documents.cpp test_models.h LIBS inklens_service)
# service::readFile, loadModel and evaluate (the reading and scoring under recognize and eval).
inklens_add_test(test_evaluation SOURCES test_evaluation.cpp test_models.h LIBS inklens_service)
# service::PageDocument: the page view's undoable line edits.
inklens_add_test(test_page_document SOURCES test_page_document.cpp LIBS inklens_service)
# service::ModelVersions: kept fine-tuned models, the active one, rolling back.
inklens_add_test(test_model_versions SOURCES test_model_versions.cpp test_models.h LIBS inklens_service)
# service::SampleStore: the user's corrected samples (SQLite): changes, folders out and in,
# a damaged database set aside, a process killed while adding.
inklens_add_test(test_sample_store SOURCES test_sample_store.cpp LIBS inklens_service)
# service::interpolateModels; service::saveFineTuned: provenance, the .lm beside, never over the base, a process killed
# at random points while saving leaves the old or the new model whole.
inklens_add_test(test_fine_tuning SOURCES test_fine_tuning.cpp test_models.h LIBS inklens_service)
