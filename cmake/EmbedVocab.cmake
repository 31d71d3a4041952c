# Writes every data/vocab/*.tsv file into OUTPUT as a C++ array of {file name, content}.
file(GLOB files ${INPUT_DIR}/*.tsv)
list(SORT files)
set(body "")
foreach(f ${files})
  get_filename_component(name ${f} NAME)
  file(READ ${f} content)
  string(APPEND body "    {\"${name}\", R\"skydda_embed(${content})skydda_embed\"},\n")
endforeach()
file(WRITE ${OUTPUT} "struct EmbeddedVocabulary { std::string_view name, content; };\n"
  "constexpr EmbeddedVocabulary k_embedded_vocabularies[] = {\n${body}};\n")
