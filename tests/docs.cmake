# Documentation and document tools: docs/reference matches what identity-reference writes from the
# annotations; the JSON Schemas agree with the reader on the test documents and bad documents
# (Debian's python3-jsonschema, for Debian's python); the identity-doc command line; and, with the
# published reference, the same on the published samples and the seed, and tests/data/documents
# is what scripts/make_test_documents.sh writes from them.
#
# The *_published tests need the reference (OSI_SPEC_DIR): without it they exit 77, skipped.
set(OSI_DOCS_PYTHON /usr/bin/python3 CACHE FILEPATH "A python that has jsonschema (python3-jsonschema)")
if(NOT DEFINED OSI_HAVE_REFERENCE)
  if(EXISTS "${OSI_SPEC_DIR}/samples/auth.json")
    set(OSI_HAVE_REFERENCE TRUE)
  else()
    set(OSI_HAVE_REFERENCE FALSE)
  endif()
endif()
set(osi_seed_file ${OSI_SPEC_DIR}/../../seeds/000_ce0dfee20ee0032f.txt)
if(TARGET identity-reference AND TARGET identity-doc)
  add_test(NAME docs_reference_in_sync
           COMMAND ${CMAKE_COMMAND} -DGENERATOR=$<TARGET_FILE:identity-reference>
                   -DSOURCE=${PROJECT_SOURCE_DIR}/docs/reference -DOUT=${CMAKE_CURRENT_BINARY_DIR}/reference-check
                   -P ${CMAKE_CURRENT_SOURCE_DIR}/reference_check.cmake)
  add_test(NAME json_schema_check
           COMMAND ${OSI_DOCS_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/json_schema_check.py
                   $<TARGET_FILE:identity-reference> $<TARGET_FILE:identity-doc> ${CMAKE_CURRENT_SOURCE_DIR}/data)
  add_test(NAME json_schema_check_published
           COMMAND ${OSI_DOCS_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/json_schema_check.py
                   $<TARGET_FILE:identity-reference> $<TARGET_FILE:identity-doc> ${CMAKE_CURRENT_SOURCE_DIR}/data
                   --reference ${OSI_SPEC_DIR} ${osi_seed_file})
  set_tests_properties(json_schema_check json_schema_check_published PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 120)
  add_test(NAME identity_doc_cli
           COMMAND ${OSI_DOCS_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/identity_doc_test.py
                   $<TARGET_FILE:identity-doc> ${CMAKE_CURRENT_SOURCE_DIR}/data)
  add_test(NAME identity_doc_cli_published
           COMMAND ${OSI_DOCS_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/identity_doc_test.py
                   $<TARGET_FILE:identity-doc> ${CMAKE_CURRENT_SOURCE_DIR}/data --reference ${OSI_SPEC_DIR})
  set_tests_properties(identity_doc_cli identity_doc_cli_published PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 60)
  set_tests_properties(json_schema_check_published identity_doc_cli_published PROPERTIES LABELS published)
  if(OSI_HAVE_REFERENCE)
    add_test(NAME test_documents_in_sync
             COMMAND ${OSI_DOCS_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/documents_check.py
                     ${PROJECT_SOURCE_DIR}/scripts/make_test_documents.sh $<TARGET_FILE:identity-doc> ${OSI_SPEC_DIR}
                     ${CMAKE_CURRENT_SOURCE_DIR}/data/documents ${CMAKE_CURRENT_BINARY_DIR}/documents-check)
    set_tests_properties(test_documents_in_sync PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 120 LABELS published)
  endif()
endif()
