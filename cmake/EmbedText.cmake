# Writes INPUT into OUTPUT as a C++ raw string constant k_openapi_json.
file(READ ${INPUT} content)
file(WRITE ${OUTPUT} "constexpr std::string_view k_openapi_json = R\"skydda_embed(${content})skydda_embed\";\n")
