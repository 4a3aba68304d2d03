# Run one golden case.  CASE is the case directory; it holds:
#   args          arguments, one per line (default: scenario.json)
#   cwd           directory to run in, relative to ROOT (default: CASE)
#   stdin         fed to standard input (default: /dev/null)
#   env           VAR=VALUE lines for the environment (NO_COLOR,
#                 FORCE_COLOR, TF_BUILD and COLUMNS are unset otherwise, so
#                 text is 80 columns wide; stdout is never a tty)
#   expect.exit   expected exit status (default 0)
#   expect.stderr expected standard error (default: must be empty)
#   expect.<fmt>  expected standard output with --format=<fmt>
#   expect.stdout expected standard output with no --format added
#                 With neither, the case runs once and stdout must be empty.
# OUT is a path prefix for actual output kept for inspection.
# With -DBLESS=1 the expect.<fmt> files are rewritten from the actual
# output; expect.exit and expect.stderr are always edited by hand.
set(args scenario.json)
if(EXISTS ${CASE}/args)
  file(STRINGS ${CASE}/args args)
endif()
set(cwd ${CASE})
if(EXISTS ${CASE}/cwd)
  file(STRINGS ${CASE}/cwd rel LIMIT_COUNT 1)
  set(cwd ${ROOT}/${rel})
endif()
set(env_args "")
if(EXISTS ${CASE}/env)
  file(STRINGS ${CASE}/env env_args)
endif()
set(input /dev/null)
if(EXISTS ${CASE}/stdin)
  set(input ${CASE}/stdin)
endif()
set(want_exit 0)
if(EXISTS ${CASE}/expect.exit)
  file(STRINGS ${CASE}/expect.exit want_exit LIMIT_COUNT 1)
endif()
set(want_err "")
if(EXISTS ${CASE}/expect.stderr)
  file(READ ${CASE}/expect.stderr want_err)
endif()

file(GLOB expects ${CASE}/expect.*)
set(formats "")
foreach(e IN LISTS expects)
  get_filename_component(ext ${e} EXT)
  string(SUBSTRING ${ext} 1 -1 fmt)
  if(fmt STREQUAL "stdout")
    list(APPEND formats "-")
  elseif(NOT fmt MATCHES "^(exit|stderr)$")
    list(APPEND formats ${fmt})
  endif()
endforeach()
if(NOT formats)
  set(formats "none")
endif()

# A case leaves nothing behind in the case folders: a build broken on
# purpose once answered a scripted interview wrongly and saved its report
# in the case folder under an answer's name.  What a run adds there is
# removed, and the case fails naming it.  Not for a case run from the
# project's root, where other tests running beside it make folders
# (build-bench, for one).
set(watch "")
string(FIND "${cwd}/" "${ROOT}/tests/cases/" under)
if(under EQUAL 0)
  set(watch ${cwd})
endif()
set(before "")
if(watch)
  file(GLOB before LIST_DIRECTORIES true ${watch}/*)
endif()

set(failed "")
foreach(fmt IN LISTS formats)
  set(fmt_args "")
  set(expect ${CASE}/expect.${fmt})
  if(fmt STREQUAL "-")
    set(expect ${CASE}/expect.stdout)
  elseif(NOT fmt STREQUAL "none")
    set(fmt_args --format=${fmt})
  endif()
  execute_process(COMMAND ${CMAKE_COMMAND} -E env --unset=NO_COLOR
                          --unset=FORCE_COLOR --unset=TF_BUILD
                          --unset=COLUMNS ${env_args}
                          ${AA} ${fmt_args} ${args}
                  WORKING_DIRECTORY ${cwd} INPUT_FILE ${input}
                  RESULT_VARIABLE got_exit OUTPUT_VARIABLE got_out
                  ERROR_VARIABLE got_err)
  if(NOT got_exit STREQUAL want_exit)
    string(APPEND failed "[${fmt}] exit ${got_exit}, expected ${want_exit}\n")
  endif()
  # The run summary's elapsed time is the one nondeterministic output.
  string(REGEX REPLACE " in [0-9]+\\.[0-9]+ s\n" " in T s\n" got_err "${got_err}")
  if(NOT got_err STREQUAL want_err)
    string(APPEND failed "[${fmt}] stderr differs:\n--- expected\n${want_err}--- got\n${got_err}")
  endif()
  if(fmt STREQUAL "none")
    if(NOT got_out STREQUAL "")
      string(APPEND failed "unexpected output on stdout:\n${got_out}")
    endif()
  else()
    if(BLESS)
      file(WRITE ${expect} "${got_out}")
    else()
      file(READ ${expect} want_out)
      if(NOT got_out STREQUAL want_out)
        file(WRITE ${OUT}.out "${got_out}")
        execute_process(COMMAND diff -u ${expect} ${OUT}.out
                        OUTPUT_VARIABLE d)
        string(APPEND failed "[${fmt}] stdout differs:\n${d}")
      endif()
    endif()
  endif()
endforeach()
if(watch)
  file(GLOB after LIST_DIRECTORIES true ${watch}/*)
  foreach(f IN LISTS before)
    list(REMOVE_ITEM after ${f})
  endforeach()
  if(after)
    file(REMOVE_RECURSE ${after})
    string(APPEND failed "the run left in ${watch}: ${after}\n")
  endif()
endif()
if(failed)
  message(FATAL_ERROR "case ${CASE} failed:\n${failed}")
endif()
