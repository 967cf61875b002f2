using BenchmarkDotNet.Attributes;
using Governance.Examples.Synthetic;
using Governance.Snowflake;
using Governance.Snapshots;
using Governance.Evaluation;
using Governance.Packs;

namespace Governance.Benchmarks;

/// <summary>Reads a pre-generated snapshot from memory: MB/s = JSON bytes (see <c>--sizes</c>) / mean.</summary>
[MemoryDiagnoser]
public class SnapshotLoad
{
    private byte[] _json = Array.Empty<byte>();

    [ParamsSource(typeof(Sizes), nameof(Sizes.Columns))]
    public int Columns { get; set; }

    [GlobalSetup]
    public void Setup() => _json = Sizes.SnapshotBytes(SyntheticMesh.Generate(Columns, Sizes.Seed));

    [Benchmark]
    public MetadataSnapshot Read() => SnapshotReader.Read(new MemoryStream(_json, writable: false), "synthetic.snapshot.json");
}

/// <summary>Prepares a 500-rule PackSet for evaluation.</summary>
[MemoryDiagnoser]
public class PackCompile
{
    private PackSet _packs = null!;
    private string _manifest = "";

    [GlobalSetup]
    public void Setup()
    {
        _packs = Sizes.PackSet();
        _manifest = ManifestCodec.Write(SyntheticMesh.Pack(Sizes.Rules, Sizes.Seed));
    }

    /// <summary>Evaluator.Compile alone (regexes are cached on the rules after the first call, so this is the indexing cost).</summary>
    [Benchmark]
    public Evaluator Compile() => Evaluator.Compile(_packs);

    /// <summary>What <c>governance check</c> does with a manifest: parse, layer, compile (regexes built anew).</summary>
    [Benchmark]
    public Evaluator ParseLayerCompile() => Evaluator.Compile(Governance.Packs.PackSet.Create(new[] { RulePackLoader.Parse(_manifest) }));
}

/// <summary>Full evaluation after load: columns/s = Columns / mean.</summary>
[MemoryDiagnoser]
public class Evaluate
{
    private MetadataSnapshot _snapshot = null!;
    private Evaluator _evaluator = null!;

    [ParamsSource(typeof(Sizes), nameof(Sizes.Columns))]
    public int Columns { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _snapshot = SyntheticMesh.Generate(Columns, Sizes.Seed);
        _evaluator = Evaluator.Compile(Sizes.PackSet());
    }

    [Benchmark]
    public EvaluationResult Run() => _evaluator.Evaluate(_snapshot);
}

/// <summary>
/// Every (masked column, role) pair: <c>decision.IsClearFor(roleGraph, role)</c>. decisions/s = masking decisions ×
/// roles (see <c>--sizes</c>) / mean.
/// </summary>
[MemoryDiagnoser]
public class MaskingDecision
{
    private IReadOnlyList<Governance.Evaluation.MaskingDecision> _decisions = Array.Empty<Governance.Evaluation.MaskingDecision>();
    private RoleGraph _roles = null!;
    private string[] _roleNames = Array.Empty<string>();

    [ParamsSource(typeof(Sizes), nameof(Sizes.Columns))]
    public int Columns { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var snapshot = SyntheticMesh.Generate(Columns, Sizes.Seed);
        _decisions = Evaluator.Compile(Sizes.PackSet()).Evaluate(snapshot).Masking;
        _roles = RoleGraph.TryBuild(snapshot.Roles, out _)!;
        _roleNames = _roles.Roles.OrderBy(r => r, StringComparer.Ordinal).ToArray();
    }

    [Benchmark]
    public int AllColumnsAllRoles()
    {
        var clear = 0;
        var decisions = _decisions;
        var roles = _roleNames;
        for (var i = 0; i < decisions.Count; i++)
        {
            var d = decisions[i];
            for (var r = 0; r < roles.Length; r++)
            {
                if (d.IsClearFor(_roles, roles[r])) clear++;
            }
        }
        return clear;
    }
}

/// <summary>Reads a 500-rule manifest (validation and hash check included).</summary>
[MemoryDiagnoser]
public class ManifestParse
{
    private string _manifest = "";

    [GlobalSetup]
    public void Setup() => _manifest = ManifestCodec.Write(SyntheticMesh.Pack(Sizes.Rules, Sizes.Seed));

    [Benchmark]
    public RulePack Parse() => RulePackLoader.Parse(_manifest, "synthetic.rulepack.json");
}

/// <summary>
/// SQL plan generation: <c>SnowflakePlanner.Plan</c> of an evaluated snapshot and the script text (<c>ToSql</c>), what
/// <c>governance plan</c> does after evaluation. Evaluation happens in setup; statements/s = statements (<c>--sizes</c>) / mean.
/// </summary>
[MemoryDiagnoser]
public class PlanGeneration
{
    private MetadataSnapshot _snapshot = null!;
    private PackSet _packs = null!;
    private EvaluationResult _result = null!;
    private PlanOptions _options = null!;

    [ParamsSource(typeof(Sizes), nameof(Sizes.Columns))]
    public int Columns { get; set; }

    [Params(PlanMode.Column, PlanMode.Tag)]
    public PlanMode Mode { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _snapshot = SyntheticMesh.Generate(Columns, Sizes.Seed);
        _packs = Sizes.PackSet();
        _result = Evaluator.Compile(_packs).Evaluate(_snapshot);
        _options = new PlanOptions { Mode = Mode };
    }

    [Benchmark]
    public string PlanToSql() => SnowflakePlanner.Plan(_packs, _snapshot, _result, _options).ToSql();

    /// <summary>What <c>governance plan --out FILE</c> does after evaluation, but the file: the plan, and its script written statement by statement (UTF-8).</summary>
    [Benchmark]
    public void PlanAndWriteScript()
    {
        using var writer = new StreamWriter(Stream.Null, new System.Text.UTF8Encoding(false), 1 << 16);
        SnowflakePlanner.Plan(_packs, _snapshot, _result, _options).WriteSql(writer);
    }
}
