using System.Data.Common;
using Governance.Deploy;

namespace Governance.Simulation.Tests.Deploy;

/// <summary>The library sample of docs/deploy.md: compiled here, checked verbatim against the page and run by <see cref="DeployGuideTests"/>.</summary>
internal static class DeploySamples
{
    // begin-snippet: deploy-apply
    // One code path for Snowflake.Data's SnowflakeDbConnection and the emulated account.
    public static async Task<ChangePlan> Deploy(DbConnection account, PackSet packs, MetadataSnapshot snapshot, TextWriter log, CancellationToken cancel)
    {
        var result = Evaluator.Compile(packs).Evaluate(snapshot);
        var desired = DesiredState.Compile(packs, snapshot, result);     // what the rule packs want
        var plan = await Deployment.PlanAsync(account, desired, cancel); // reads the state, plans the smallest safe change
        log.Write(plan.ToText());                                        // + ~ ± - per object, then the summary
        if (plan.IsEmpty) return plan;
        await Deployment.ApplyAsync(account, plan, null, cancel);        // reads the state again first; stops at the first error
        return await Deployment.PlanAsync(account, desired, cancel);     // empty now
    }
    // end-snippet
}
