import CAllocatorTuning
import PrefAuditCommands

prefaudit_tune_allocator()
PrefAudit.main()
