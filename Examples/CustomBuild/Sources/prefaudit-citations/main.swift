import CitationDetector
import PrefAuditCommands

// prefaudit, with the citation detector registered after the built-in ones.
PrefAudit.main(linking: [CitationPlugin()])
