namespace EsdbGater.TestKit.Processes;

/// <summary>What <c>/proc/PID/stat</c> says about one process.</summary>
/// <param name="ProcessId">The PID.</param>
/// <param name="ParentProcessId">The parent's PID (1, or a subreaper, once the parent is gone).</param>
/// <param name="State">The state letter: R running, S sleeping, T stopped, Z zombie, ...</param>
/// <param name="StartTime">Clock ticks after boot when the process started; with the PID it names one incarnation.</param>
public readonly record struct ProcessStat(int ProcessId, int ParentProcessId, char State, long StartTime)
{
    /// <summary>Exited and waiting to be reaped (Z), or being torn down (X).</summary>
    public bool IsZombie => State is 'Z' or 'X';
}
