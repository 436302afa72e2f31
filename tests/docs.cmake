# Documentation and document tools: docs/reference matches what identity-reference writes from the
# annotations; the JSON Schemas agree with the reader on the test documents and bad documents
# (Debian's python3-jsonschema, for Debian's python); the identity-doc command line; and, with the
# published reference (osi_add_published_test, tests/CMakeLists.txt), the same on the published
# samples and the seed, and tests/data/documents is what scripts/make_test_documents.sh writes
# from them.
set(OPENSTACK_IDENTITY_V2_DOCS_PYTHON /usr/bin/python3 CACHE FILEPATH "A python that has jsonschema (python3-jsonschema)")
if(TARGET identity-reference AND TARGET identity-doc)
  set(reference $<TARGET_FILE:identity-reference>)
  set(doc $<TARGET_FILE:identity-doc>)
  set(data ${CMAKE_CURRENT_SOURCE_DIR}/data)
  add_test(NAME docs_reference_in_sync
           COMMAND ${CMAKE_COMMAND} -DGENERATOR=${reference} -DSOURCE=${PROJECT_SOURCE_DIR}/docs/reference
                   -DOUT=${CMAKE_CURRENT_BINARY_DIR}/reference-check -P ${CMAKE_CURRENT_SOURCE_DIR}/reference_check.cmake)
  add_test(NAME json_schema_check
           COMMAND ${OPENSTACK_IDENTITY_V2_DOCS_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/json_schema_check.py ${reference} ${doc} ${data})
  osi_add_published_test(json_schema_check_published
           ${OPENSTACK_IDENTITY_V2_DOCS_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/json_schema_check.py ${reference} ${doc} ${data}
           --reference ${osi_spec_dir} ${osi_seed_file})
  set_tests_properties(json_schema_check json_schema_check_published PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 120)
  add_test(NAME identity_doc_cli
           COMMAND ${OPENSTACK_IDENTITY_V2_DOCS_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/identity_doc_test.py ${doc} ${data})
  osi_add_published_test(identity_doc_cli_published
           ${OPENSTACK_IDENTITY_V2_DOCS_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/identity_doc_test.py ${doc} ${data}
           --reference ${osi_spec_dir})
  set_tests_properties(identity_doc_cli identity_doc_cli_published PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 60)
  osi_add_published_test(test_documents_in_sync
           ${OPENSTACK_IDENTITY_V2_DOCS_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/documents_check.py
           ${PROJECT_SOURCE_DIR}/scripts/make_test_documents.sh ${doc} ${osi_spec_dir} ${data}/documents
           ${CMAKE_CURRENT_BINARY_DIR}/documents-check)
  set_tests_properties(test_documents_in_sync PROPERTIES TIMEOUT 120)
endif()
