# Writes OUT, the manual page dsqlint(1), by running the built binary's hidden `man`
# subcommand: the page is made from the same command table and rule registry as the
# binary (every rule id, summary and class), so it cannot drift from it.
execute_process(COMMAND ${BIN} man OUTPUT_FILE ${OUT}.tmp RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${BIN} man failed: ${status}")
endif()
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
file(REMOVE ${OUT}.tmp)
