# Documentation and document tools: docs/reference matches what identity-reference writes from the
# annotations; the JSON Schemas agree with the reader on the samples, the seed and bad documents
# (Debian's python3-jsonschema, for Debian's python); the identity-doc command line.
set(OSI_DOCS_PYTHON /usr/bin/python3 CACHE FILEPATH "A python that has jsonschema (python3-jsonschema)")
if(TARGET identity-reference AND TARGET identity-doc)
  add_test(NAME docs_reference_in_sync
           COMMAND ${CMAKE_COMMAND} -DGENERATOR=$<TARGET_FILE:identity-reference>
                   -DSOURCE=${PROJECT_SOURCE_DIR}/docs/reference -DOUT=${CMAKE_CURRENT_BINARY_DIR}/reference-check
                   -P ${CMAKE_CURRENT_SOURCE_DIR}/reference_check.cmake)
  add_test(NAME json_schema_check
           COMMAND ${OSI_DOCS_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/json_schema_check.py
                   $<TARGET_FILE:identity-reference> $<TARGET_FILE:identity-doc> ${OSI_SPEC_DIR}
                   ${OSI_SPEC_DIR}/../../seeds/000_ce0dfee20ee0032f.txt ${CMAKE_CURRENT_SOURCE_DIR}/data)
  set_tests_properties(json_schema_check PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 120)
  add_test(NAME identity_doc_cli
           COMMAND ${OSI_DOCS_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/identity_doc_test.py
                   $<TARGET_FILE:identity-doc> ${OSI_SPEC_DIR} ${CMAKE_CURRENT_SOURCE_DIR}/data)
  set_tests_properties(identity_doc_cli PROPERTIES TIMEOUT 60)
endif()
