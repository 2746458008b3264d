import PrefAuditCommands

PrefAudit.main()
