import PrefAuditCommands

// The stock executable: the built-in detectors only (a custom build passes its own plugins).
PrefAudit.main(linking: [])
