# Writes INPUT into OUTPUT as a C++ raw string constant NAME (default k_openapi_json).
if(NOT NAME)
  set(NAME k_openapi_json)
endif()
file(READ ${INPUT} content)
file(WRITE ${OUTPUT} "constexpr std::string_view ${NAME} = R\"skydda_embed(${content})skydda_embed\";\n")
