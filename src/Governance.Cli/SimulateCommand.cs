using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Governance.Reporting;
using Governance.Simulation;
using Governance.Snowflake;
using Governance.Snapshots;
using Governance.Evaluation;
using Governance.Diagnostics;
using Governance.State;

namespace Governance.Cli;

/// <summary>
/// <c>governance simulate</c>: what one role sees of each dataset once the compiled policies run — on an embedded
/// DuckDB with deterministic sample rows, before anything reaches Snowflake.
/// </summary>
internal static class SimulateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, int? stdoutWidth = null)
    {
        var snapshots = Inputs.SnapshotArgument();
        var packs = Inputs.PackOption();
        var sources = new SourceOptions();
        var role = new Option<string>("--role") { Description = "The session's role; it also has every role it inherits, and PUBLIC.", Required = true, HelpName = "ROLE" };
        var product = new Option<string?>("--product") { Description = "Only this product: domain/product (for example sales/orders).", HelpName = "DOMAIN/PRODUCT" };
        var rows = new Option<int>("--rows") { Description = "Sample rows per dataset (1 to 10000).", DefaultValueFactory = _ => 10, HelpName = "N" };
        var seed = new Option<int>("--seed") { Description = "Seed of the sample data.", DefaultValueFactory = _ => 1, HelpName = "S" };
        var mode = CommandLine.Choice("--mode", "How masking policies reach columns, as for plan.", "column", "tag");
        var entitlements = new Option<string?>("--entitlements") { Description = "The entitlement tables' rows: {\"entitlements\":[{database,schema,table,role,value}]}; default: generated from the snapshot's roles.", HelpName = "FILE" };
        var format = CommandLine.Choice("--format", "Output format.", "table", "json");
        var emulator = new Option<string?>("--emulator") { Description = "Read what is applied in this emulated account (a DuckDB file, see `governance apply`) instead of simulating the compiled policies.", HelpName = "FILE.duckdb" };
        var command = new GovernanceCommand("simulate", "Show the rows and values a role would see once the compiled policies run, on an embedded DuckDB with sample data. With neither snapshots nor packs, simulates the bundled Acme example.")
        {
            Examples = new[]
            {
                "governance simulate --role ANALYST                                   # the bundled example",
                "governance simulate --role PII_READER --product sales/orders --rows 5",
                "governance simulate mesh.snapshot.json --pack acme-global.rulepack.json --role ANALYST --format json",
                "governance simulate --role EMEA_ANALYST --entitlements entitlements.json --mode tag",
                "governance simulate --role ANALYST --emulator acme.duckdb            # what `governance apply` applied there",
            },
        };
        command.Arguments.Add(snapshots);
        foreach (var o in new Option[] { packs, role, product, rows, seed, mode, entitlements, format, emulator }) command.Options.Add(o);
        foreach (var o in sources.All) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var input = Inputs.Load(parse.GetValue(snapshots) ?? Array.Empty<string>(), parse.GetValue(packs) ?? Array.Empty<string>(), stderr, imported: sources.Read(parse, stderr));
            var roleName = parse.GetValue(role)!;
            var graph = RoleGraph.TryBuild(input.Snapshot.Roles, out _);
            var known = (graph?.Roles ?? Array.Empty<string>()).OrderBy(r => r, StringComparer.Ordinal).ToList();
            if (!known.Contains(roleName, StringComparer.Ordinal))
                throw new UsageException("unknown role `" + roleName + "`; the snapshot defines " + string.Join(", ", known.Select(r => "`" + r + "`")));
            var count = parse.GetValue(rows);
            if (count is < 1 or > 10_000) throw new UsageException("--rows must be between 1 and 10000, not " + count.ToString(CultureInfo.InvariantCulture));
            Func<DataProduct, bool>? filter = null;
            if (parse.GetValue(product) is { } wanted)
            {
                var matches = input.Snapshot.Domains.SelectMany(d => d.Products.Select(p => (Domain: d, Product: p)))
                    .Where(x => MeshIdentity.IsProduct(wanted, x.Domain.Name, x.Product.Name)).Select(x => x.Product).ToList();
                if (matches.Count == 0)
                {
                    var all = input.Snapshot.Domains.SelectMany(d => d.Products.Select(p => MeshIdentity.Product(d.Name, p.Name))).OrderBy(n => n, StringComparer.Ordinal).ToList();
                    throw new UsageException((MeshIdentity.ProductProblem(wanted) ?? "unknown product `" + wanted + "`") + "; expected one of "
                        + string.Join(", ", all.Select(n => "`" + n + "`")) + Suggestions.DidYouMean(wanted, all));
                }
                filter = p => matches.Contains(p);
            }

            var result = Evaluator.Compile(input.Packs).Evaluate(input.Snapshot);
            var options = new SimulationOptions { Rows = count, Seed = parse.GetValue(seed), Mode = parse.GetValue(mode) == "tag" ? PlanMode.Tag : PlanMode.Column };
            SimulationResult simulation;
            try
            {
                if (parse.GetValue(entitlements) is { } file) options = options with { Entitlements = EntitlementFile.ReadFile(file) };
                simulation = parse.GetValue(emulator) is { } account
                    ? AccountConnection.Use(null, null, account, input.Snapshot, Governance.State.StateScope.For(input.Snapshot),
                        (connection, _) => ((EmulatorConnection)connection).Simulate(input.Snapshot, roleName, filter), result)
                    : Simulator.Run(input.Packs, input.Snapshot, result, roleName, options, filter);
            }
            catch (SnowflakeCompileException e)
            {
                throw new UsageException("cannot compile to Snowflake SQL: " + e.Message);
            }
            catch (SimulationException e)
            {
                throw new UsageException("cannot simulate: " + e.Message);
            }
            catch (System.Data.Common.DbException e)
            {
                throw new UsageException("cannot read the emulated account: " + e.Message);
            }

            if (parse.GetValue(format) == "json") WriteJson(simulation, stdout);
            else WriteTable(simulation, stdout, stdoutWidth);
            stdout.Flush();
            var visible = simulation.Datasets.Sum(d => d.Rows.Count);
            var total = simulation.Datasets.Sum(d => d.Sample.Count);
            stderr.WriteLine("simulated " + Display.Count(simulation.Datasets.Count, "dataset") + " as " + roleName + " (session roles: "
                + string.Join(", ", simulation.SessionRoles) + "): " + visible.ToString(CultureInfo.InvariantCulture) + " of " + Display.Count(total, "sample row") + " visible");
            return GovernanceCli.Ok;
        });
        return command;
    }

    /// <summary>Per dataset, a line saying how many rows the role sees, then those rows as a table that fits the width
    /// (a dataset of many columns is printed one block per row when its columns cannot fit side by side).</summary>
    private static void WriteTable(SimulationResult simulation, TextWriter writer, int? width)
    {
        foreach (var d in simulation.Datasets)
        {
            writer.Write(d.Target + " as " + simulation.Role + ": " + d.Rows.Count.ToString(CultureInfo.InvariantCulture) + " of " + Display.Count(d.Sample.Count, "row") + "\n");
            if (d.Rows.Count > 0)
            {
                var table = new TextTable(d.Columns.Select(c => new TextColumn(c.Name)).ToArray());
                foreach (var r in d.Rows) table.Add(r.Values.Select(v => v ?? "NULL").ToArray());
                table.Write(writer, width);
            }
            writer.Write('\n');
        }
    }

    /// <summary><c>{"role":…,"datasets":[{"target":…,"columns":[…],"rows":[[…]]}]}</c>: numbers and booleans as JSON values.</summary>
    private static void WriteJson(SimulationResult simulation, TextWriter writer)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonReport.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("role", simulation.Role);
            json.WriteStartArray("datasets");
            foreach (var d in simulation.Datasets)
            {
                json.WriteStartObject();
                json.WriteString("target", d.Target);
                json.WriteStartArray("columns");
                foreach (var c in d.Columns) json.WriteStringValue(c.Name);
                json.WriteEndArray();
                json.WriteStartArray("rows");
                foreach (var r in d.Rows)
                {
                    json.WriteStartArray();
                    for (var i = 0; i < r.Values.Count; i++) Value(json, r.Values[i], d.Columns[i].Type.Family);
                    json.WriteEndArray();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        writer.Write(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        writer.Write('\n');
    }

    private static void Value(Utf8JsonWriter json, string? value, DataTypeFamily family)
    {
        if (value is null) json.WriteNullValue();
        else if (family == DataTypeFamily.Boolean && value is "true" or "false") json.WriteBooleanValue(value == "true");
        else if (family == DataTypeFamily.Numeric && decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            json.WriteNumberValue(number); // a raw value would skip the writer's indentation
        else json.WriteStringValue(value);
    }
}
