// Generated with Python 3.11.7 json module (see JSONSerializerTests); do not edit by hand.
// For each case: the input JSON text and the exact output of
// json.dumps(obj, ensure_ascii=False), json.dumps(obj), json.dumps(obj, indent=2, ensure_ascii=False)
// and json.dumps(obj, separators=(",", ":"), ensure_ascii=False).

/// Outputs of Python's `json.dumps` for a set of tricky values.
struct PythonJSONCase: Sendable, CustomStringConvertible {
  var name: String
  var input: String
  var python: String
  var pythonASCII: String
  var pythonIndent2: String
  var compact: String
  var description: String { name }

  static let all: [PythonJSONCase] = [
    PythonJSONCase(
      name: "controls",
      input: "{\"s\": \"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f\\u007f end\"}",
      python: "{\"s\": \"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f\u{7f} end\"}",
      pythonASCII: "{\"s\": \"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f\\u007f end\"}",
      pythonIndent2: "{\u{a}  \"s\": \"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f\u{7f} end\"\u{a}}",
      compact: "{\"s\":\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f\u{7f} end\"}"
    ),
    PythonJSONCase(
      name: "quotes and slashes",
      input: "{\"q\": \"say \\\"hi\\\" \\\\ back/slash </script>\"}",
      python: "{\"q\": \"say \\\"hi\\\" \\\\ back/slash </script>\"}",
      pythonASCII: "{\"q\": \"say \\\"hi\\\" \\\\ back/slash </script>\"}",
      pythonIndent2: "{\u{a}  \"q\": \"say \\\"hi\\\" \\\\ back/slash </script>\"\u{a}}",
      compact: "{\"q\":\"say \\\"hi\\\" \\\\ back/slash </script>\"}"
    ),
    PythonJSONCase(
      name: "non-ASCII",
      input: "{\"fr\": \"caf\\u00e9 na\\u00efve\", \"dash\": \"a\\u2014b\", \"quote\": \"it\\u2019s\", \"cjk\": \"\\u65e5\\u672c\\u8a9e\", \"bom\": \"\\ufeff\", \"ls\": \"a\\u2028b\\u2029c\"}",
      python: "{\"fr\": \"caf\u{e9} na\u{ef}ve\", \"dash\": \"a\u{2014}b\", \"quote\": \"it\u{2019}s\", \"cjk\": \"\u{65e5}\u{672c}\u{8a9e}\", \"bom\": \"\u{feff}\", \"ls\": \"a\u{2028}b\u{2029}c\"}",
      pythonASCII: "{\"fr\": \"caf\\u00e9 na\\u00efve\", \"dash\": \"a\\u2014b\", \"quote\": \"it\\u2019s\", \"cjk\": \"\\u65e5\\u672c\\u8a9e\", \"bom\": \"\\ufeff\", \"ls\": \"a\\u2028b\\u2029c\"}",
      pythonIndent2: "{\u{a}  \"fr\": \"caf\u{e9} na\u{ef}ve\",\u{a}  \"dash\": \"a\u{2014}b\",\u{a}  \"quote\": \"it\u{2019}s\",\u{a}  \"cjk\": \"\u{65e5}\u{672c}\u{8a9e}\",\u{a}  \"bom\": \"\u{feff}\",\u{a}  \"ls\": \"a\u{2028}b\u{2029}c\"\u{a}}",
      compact: "{\"fr\":\"caf\u{e9} na\u{ef}ve\",\"dash\":\"a\u{2014}b\",\"quote\":\"it\u{2019}s\",\"cjk\":\"\u{65e5}\u{672c}\u{8a9e}\",\"bom\":\"\u{feff}\",\"ls\":\"a\u{2028}b\u{2029}c\"}"
    ),
    PythonJSONCase(
      name: "non-BMP",
      input: "{\"emoji\": \"\\ud83d\\ude00 \\ud83e\\udd16\", \"math\": \"\\ud835\\udd18\", \"flag\": \"\\ud83c\\uddeb\\ud83c\\uddf7\"}",
      python: "{\"emoji\": \"\u{1f600} \u{1f916}\", \"math\": \"\u{1d518}\", \"flag\": \"\u{1f1eb}\u{1f1f7}\"}",
      pythonASCII: "{\"emoji\": \"\\ud83d\\ude00 \\ud83e\\udd16\", \"math\": \"\\ud835\\udd18\", \"flag\": \"\\ud83c\\uddeb\\ud83c\\uddf7\"}",
      pythonIndent2: "{\u{a}  \"emoji\": \"\u{1f600} \u{1f916}\",\u{a}  \"math\": \"\u{1d518}\",\u{a}  \"flag\": \"\u{1f1eb}\u{1f1f7}\"\u{a}}",
      compact: "{\"emoji\":\"\u{1f600} \u{1f916}\",\"math\":\"\u{1d518}\",\"flag\":\"\u{1f1eb}\u{1f1f7}\"}"
    ),
    PythonJSONCase(
      name: "numbers and literals",
      input: "{\"i\": 7, \"f\": 7.5, \"neg\": -0.25, \"big\": 12345678901234567890, \"exp\": 1e-07, \"t\": true, \"fl\": false, \"n\": null}",
      python: "{\"i\": 7, \"f\": 7.5, \"neg\": -0.25, \"big\": 12345678901234567890, \"exp\": 1e-07, \"t\": true, \"fl\": false, \"n\": null}",
      pythonASCII: "{\"i\": 7, \"f\": 7.5, \"neg\": -0.25, \"big\": 12345678901234567890, \"exp\": 1e-07, \"t\": true, \"fl\": false, \"n\": null}",
      pythonIndent2: "{\u{a}  \"i\": 7,\u{a}  \"f\": 7.5,\u{a}  \"neg\": -0.25,\u{a}  \"big\": 12345678901234567890,\u{a}  \"exp\": 1e-07,\u{a}  \"t\": true,\u{a}  \"fl\": false,\u{a}  \"n\": null\u{a}}",
      compact: "{\"i\":7,\"f\":7.5,\"neg\":-0.25,\"big\":12345678901234567890,\"exp\":1e-07,\"t\":true,\"fl\":false,\"n\":null}"
    ),
    PythonJSONCase(
      name: "non-finite",
      input: "[NaN, Infinity, -Infinity]",
      python: "[NaN, Infinity, -Infinity]",
      pythonASCII: "[NaN, Infinity, -Infinity]",
      pythonIndent2: "[\u{a}  NaN,\u{a}  Infinity,\u{a}  -Infinity\u{a}]",
      compact: "[NaN,Infinity,-Infinity]"
    ),
    PythonJSONCase(
      name: "nested",
      input: "{\"a\": [1, [2, [3, {}]], []], \"b\": {\"c\": {\"d\": []}, \"e\": {}}, \"\": \"empty key\"}",
      python: "{\"a\": [1, [2, [3, {}]], []], \"b\": {\"c\": {\"d\": []}, \"e\": {}}, \"\": \"empty key\"}",
      pythonASCII: "{\"a\": [1, [2, [3, {}]], []], \"b\": {\"c\": {\"d\": []}, \"e\": {}}, \"\": \"empty key\"}",
      pythonIndent2: "{\u{a}  \"a\": [\u{a}    1,\u{a}    [\u{a}      2,\u{a}      [\u{a}        3,\u{a}        {}\u{a}      ]\u{a}    ],\u{a}    []\u{a}  ],\u{a}  \"b\": {\u{a}    \"c\": {\u{a}      \"d\": []\u{a}    },\u{a}    \"e\": {}\u{a}  },\u{a}  \"\": \"empty key\"\u{a}}",
      compact: "{\"a\":[1,[2,[3,{}]],[]],\"b\":{\"c\":{\"d\":[]},\"e\":{}},\"\":\"empty key\"}"
    ),
    PythonJSONCase(
      name: "key order",
      input: "{\"zeta\": 1, \"alpha\": 2, \"mid\": {\"y\": 1, \"x\": 2}}",
      python: "{\"zeta\": 1, \"alpha\": 2, \"mid\": {\"y\": 1, \"x\": 2}}",
      pythonASCII: "{\"zeta\": 1, \"alpha\": 2, \"mid\": {\"y\": 1, \"x\": 2}}",
      pythonIndent2: "{\u{a}  \"zeta\": 1,\u{a}  \"alpha\": 2,\u{a}  \"mid\": {\u{a}    \"y\": 1,\u{a}    \"x\": 2\u{a}  }\u{a}}",
      compact: "{\"zeta\":1,\"alpha\":2,\"mid\":{\"y\":1,\"x\":2}}"
    ),
    PythonJSONCase(
      name: "empty containers",
      input: "[[], {}, [[]], [{}], {\"a\": []}]",
      python: "[[], {}, [[]], [{}], {\"a\": []}]",
      pythonASCII: "[[], {}, [[]], [{}], {\"a\": []}]",
      pythonIndent2: "[\u{a}  [],\u{a}  {},\u{a}  [\u{a}    []\u{a}  ],\u{a}  [\u{a}    {}\u{a}  ],\u{a}  {\u{a}    \"a\": []\u{a}  }\u{a}]",
      compact: "[[],{},[[]],[{}],{\"a\":[]}]"
    ),
    PythonJSONCase(
      name: "top-level string",
      input: "\"line1\\nline2\\t\\u00e9\"",
      python: "\"line1\\nline2\\t\u{e9}\"",
      pythonASCII: "\"line1\\nline2\\t\\u00e9\"",
      pythonIndent2: "\"line1\\nline2\\t\u{e9}\"",
      compact: "\"line1\\nline2\\t\u{e9}\""
    ),
    PythonJSONCase(
      name: "messages",
      input: "{\"chosen\": [{\"role\": \"user\", \"content\": \"Hi!\\n\\nHow are you?\"}, {\"role\": \"assistant\", \"content\": \"Fine \\u2014 thanks. \\ud83d\\udc4d\"}], \"score_chosen\": 8.5}",
      python: "{\"chosen\": [{\"role\": \"user\", \"content\": \"Hi!\\n\\nHow are you?\"}, {\"role\": \"assistant\", \"content\": \"Fine \u{2014} thanks. \u{1f44d}\"}], \"score_chosen\": 8.5}",
      pythonASCII: "{\"chosen\": [{\"role\": \"user\", \"content\": \"Hi!\\n\\nHow are you?\"}, {\"role\": \"assistant\", \"content\": \"Fine \\u2014 thanks. \\ud83d\\udc4d\"}], \"score_chosen\": 8.5}",
      pythonIndent2: "{\u{a}  \"chosen\": [\u{a}    {\u{a}      \"role\": \"user\",\u{a}      \"content\": \"Hi!\\n\\nHow are you?\"\u{a}    },\u{a}    {\u{a}      \"role\": \"assistant\",\u{a}      \"content\": \"Fine \u{2014} thanks. \u{1f44d}\"\u{a}    }\u{a}  ],\u{a}  \"score_chosen\": 8.5\u{a}}",
      compact: "{\"chosen\":[{\"role\":\"user\",\"content\":\"Hi!\\n\\nHow are you?\"},{\"role\":\"assistant\",\"content\":\"Fine \u{2014} thanks. \u{1f44d}\"}],\"score_chosen\":8.5}"
    ),
  ]
}
