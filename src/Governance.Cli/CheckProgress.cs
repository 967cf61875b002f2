using Spectre.Console;
using Governance.Snapshots;
using Governance.Evaluation;

namespace Governance.Cli;

/// <summary>
/// Progress of <c>governance check</c> on stderr: a bar for snapshots above <see cref="Threshold"/> columns, and only when
/// stderr is a terminal — never when it is redirected (CI logs, tests, pipes), never on stdout. The evaluator reports once
/// per dataset; the bar only stores the count, and Spectre.Console redraws it on its own timer.
/// </summary>
internal static class CheckProgress
{
    /// <summary>Snapshots with more columns than this show progress.</summary>
    public const long Threshold = 100_000;

    /// <summary>Whether a check of <paramref name="columns"/> columns shows progress.</summary>
    public static bool Shows(bool stderrRedirected, long columns, long threshold = Threshold) => !stderrRedirected && columns > threshold;

    /// <summary>Evaluates, with a progress bar on <paramref name="stderr"/> when <paramref name="show"/>.</summary>
    public static EvaluationResult Evaluate(Evaluator evaluator, MetadataSnapshot snapshot, IReadOnlyList<Waiver> waivers, TextWriter stderr, bool show,
        int waiverHorizonDays = Waiver.DefaultHorizonDays)
    {
        return show ? WithBar(evaluator, snapshot, waivers, stderr, waiverHorizonDays) : evaluator.Evaluate(snapshot, waivers, waiverHorizonDays: waiverHorizonDays);
    }

    /// <summary>Evaluates under a live bar. A method of its own: compiling it loads Spectre.Console, which a check without
    /// a bar (small, or redirected) never needs.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static EvaluationResult WithBar(Evaluator evaluator, MetadataSnapshot snapshot, IReadOnlyList<Waiver> waivers, TextWriter stderr, int waiverHorizonDays)
    {
        // The caller has established that stderr is a terminal: draw a live bar (Spectre's own detection would fall back
        // to milestone lines whenever the writer is not the process's stderr).
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stderr),
            Ansi = AnsiSupport.Yes,
            Interactive = InteractionSupport.Yes,
        });
        EvaluationResult? result = null;
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("evaluating " + snapshot.ColumnCount.ToString(System.Globalization.CultureInfo.InvariantCulture) + " columns", maxValue: snapshot.ColumnCount);
                result = evaluator.Evaluate(snapshot, waivers, progress: new TaskProgress(task), waiverHorizonDays: waiverHorizonDays);
                task.Value = task.MaxValue;
            });
        return result!;
    }

    /// <summary>Stores the count in the task (thread-safe); Spectre.Console draws it.</summary>
    private sealed class TaskProgress(ProgressTask task) : IProgress<long>
    {
        public void Report(long value)
        {
            if (value > task.Value) task.Value = value;
        }
    }
}
