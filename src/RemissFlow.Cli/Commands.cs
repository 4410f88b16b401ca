namespace RemissFlow.Cli;

/// <summary>The command groups; each lives in its own file.</summary>
public static class Commands
{
    public static IEnumerable<Command> All() =>
    [
        DbCommands.Create(),
        DemoCommands.Create(),
        AuditCommands.Create(),
        RenderCommands.Create(),
        CalendarCommands.Create(),
        PlanCommands.Create(),
        SammanstallningCommands.Create(),
        WorkflowCommands.Create(),
        BenchCommands.Create(),
        SearchCommands.Create(),
        ArkivCommands.Create(),
        ImportCommands.Create(),
        IntakeCommands.Create(),
        .. MeetingCommands.Create(),
    ];
}
