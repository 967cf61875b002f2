using System.Globalization;
using System.Runtime;
using System.Text;

/// <summary>
/// A startup hook: <c>DOTNET_STARTUP_HOOKS=…/Governance.ProcessStats.dll</c> and <c>GOVERNANCE_PROCESS_STATS=FILE</c>
/// make any .NET process (here the installed <c>governance</c> tool) append one line to FILE when it exits:
/// <c>allocated_bytes</c> (<see cref="GC.GetTotalAllocatedBytes"/>, precise: every thread, the whole run),
/// <c>peak_rss_bytes</c> (<c>VmHWM</c> of <c>/proc/self/status</c>), the collections per generation, the methods the
/// JIT compiled and its time (<see cref="System.Runtime.JitInfo"/>), and the assemblies loaded. With
/// <c>GOVERNANCE_PROCESS_STATS_ASSEMBLIES=1</c> it adds their names. The runtime looks the type up by this name, outside
/// any namespace.
/// </summary>
#pragma warning disable CA1050 // the runtime requires a type named StartupHook in no namespace
internal static class StartupHook
#pragma warning restore CA1050
{
    public static void Initialize()
    {
        var file = Environment.GetEnvironmentVariable("GOVERNANCE_PROCESS_STATS");
        if (string.IsNullOrEmpty(file)) return;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Write(file);
    }

    private static void Write(string file)
    {
        var assemblies = AppDomain.CurrentDomain.GetAssemblies();
        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture, $"allocated_bytes={GC.GetTotalAllocatedBytes(precise: true)}");
        line.Append(CultureInfo.InvariantCulture, $" peak_rss_bytes={PeakResident()}");
        line.Append(CultureInfo.InvariantCulture, $" gc0={GC.CollectionCount(0)} gc1={GC.CollectionCount(1)} gc2={GC.CollectionCount(2)}");
        line.Append(CultureInfo.InvariantCulture, $" jit_methods={JitInfo.GetCompiledMethodCount()} jit_ms={JitInfo.GetCompilationTime().TotalMilliseconds:0}");
        line.Append(CultureInfo.InvariantCulture, $" assemblies={assemblies.Length} server_gc={GCSettings.IsServerGC}");
        if (Environment.GetEnvironmentVariable("GOVERNANCE_PROCESS_STATS_ASSEMBLIES") == "1")
        {
            line.Append(" loaded=").Append(string.Join(',', assemblies.Select(a => a.GetName().Name).Order(StringComparer.Ordinal)));
        }
        File.AppendAllText(file, line.Append('\n').ToString());
    }

    private static long PeakResident()
    {
        foreach (var l in File.ReadLines("/proc/self/status"))
        {
            if (!l.StartsWith("VmHWM:", StringComparison.Ordinal)) continue;
            var kb = l["VmHWM:".Length..].Trim().Split(' ')[0];
            return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
        }
        return -1;
    }
}
