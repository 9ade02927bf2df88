# gezicht_embed(OUTPUT file.cpp BASE dir FILES ...) writes a C++ source that
# defines gezicht::embedded::files(): a map from path (relative to BASE) to content.
function(gezicht_embed)
  cmake_parse_arguments(ARG "" "OUTPUT;BASE" "FILES" ${ARGN})
  # A list would be split by the shell; pass it joined with '|'.
  string(REPLACE ";" "|" files_arg "${ARG_FILES}")
  add_custom_command(
    OUTPUT ${ARG_OUTPUT}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${ARG_OUTPUT} -DBASE=${ARG_BASE}
            "-DFILES=${files_arg}" -P ${CMAKE_SOURCE_DIR}/cmake/embed_run.cmake
    DEPENDS ${ARG_FILES} ${CMAKE_SOURCE_DIR}/cmake/embed_run.cmake
    COMMENT "Embedding templates, translations and migrations"
    VERBATIM)
endfunction()
