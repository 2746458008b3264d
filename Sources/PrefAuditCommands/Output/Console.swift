#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Prints a line to standard error.
func printError(_ message: String) {
  var line = message
  line.append("\n")
  fputs(line, stderr)
}
