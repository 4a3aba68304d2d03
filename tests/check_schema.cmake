# rules/schema/scenario.schema.json must be what the contract table says.
execute_process(COMMAND ${AA} --dump=scenario-schema
                RESULT_VARIABLE rc OUTPUT_VARIABLE got)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "--dump=scenario-schema exited ${rc}")
endif()
set(file ${ROOT}/rules/schema/scenario.schema.json)
if(BLESS)
  file(WRITE ${file} "${got}")
endif()
file(READ ${file} want)
if(NOT got STREQUAL want)
  message(FATAL_ERROR "${file} is stale: regenerate it with "
          "attrib-advise --dump=scenario-schema > ${file}")
endif()
