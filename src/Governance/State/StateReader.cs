using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Governance.Snowflake;
using Governance.Snapshots;

namespace Governance.State;

/// <summary>
/// The account's state could not be read: a query failed (the server's message), or its result did not have the
/// shape Snowflake documents. <see cref="Query"/> is the statement that was sent.
/// </summary>
public sealed class StateReadException : Exception
{
    /// <summary>The statement <paramref name="query"/> failed or returned an unexpected shape, as <paramref name="message"/> says.</summary>
    /// <param name="query">The statement that was sent.</param>
    /// <param name="message">What went wrong.</param>
    /// <param name="inner">The driver's exception, if any.</param>
    public StateReadException(string query, string message, Exception? inner = null) : base(message, inner) => Query = query;

    /// <summary>The statement that failed or returned what was not expected.</summary>
    public string Query { get; }
}

/// <summary>
/// Reads an <see cref="AccountState"/> over any ADO.NET connection — Snowflake's driver, or the emulated account —
/// with the live sources only (SHOW, DESCRIBE, <c>SYSTEM$GET_TAG_ALLOWED_VALUES</c>, the Information Schema table
/// functions <c>POLICY_REFERENCES</c> and <c>TAG_REFERENCES_ALL_COLUMNS</c>; never <c>ACCOUNT_USAGE</c>, which lags by up
/// to two hours). Columns are read by name, never by position. What the server returns is normalized before it is
/// kept: names as stored, data types through <see cref="SnowflakeType"/>, bodies trimmed, an empty comment as none.
/// The queries are <see cref="StateQueries"/>'; docs/deploy.md lists them in order.
/// </summary>
public static class StateReader
{
    /// <summary>
    /// Reads the state of <paramref name="scope"/> over <paramref name="connection"/>, which must be open. Statements run
    /// one after the other; nothing is changed in the account.
    /// </summary>
    /// <exception cref="StateReadException">A query failed (its message is the server's) or returned an unexpected shape.</exception>
    public static async Task<AccountState> ReadStateAsync(DbConnection connection, StateScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(scope);
        if (connection.State != ConnectionState.Open) throw new InvalidOperationException("the connection must be open to read the account's state");
        return await new Session(connection, scope, cancellationToken).ReadAsync().ConfigureAwait(false);
    }

    private sealed class Session(DbConnection connection, StateScope scope, CancellationToken cancellationToken)
    {
        private readonly HashSet<ColumnMaskingReference> _columnMasking = new();
        private readonly HashSet<RowAccessReference> _rowAccess = new();
        private readonly HashSet<TagMaskingReference> _tagMasking = new();
        private readonly HashSet<TagAssignmentState> _assignments = new();
        private Dictionary<SchemaObjectName, PolicyState> _masking = new();

        public async Task<AccountState> ReadAsync()
        {
            var tags = await TagsAsync().ConfigureAwait(false);
            var masking = await PoliciesAsync(PolicyKind.Masking).ConfigureAwait(false);
            var rowAccess = await PoliciesAsync(PolicyKind.RowAccess).ConfigureAwait(false);
            _masking = masking.ToDictionary(p => p.Name);
            foreach (var p in masking.Concat(rowAccess)) await ReferencesAsync(StateQueries.PolicyReferencesOfPolicy(p.Name)).ConfigureAwait(false);
            foreach (var t in tags) await ReferencesAsync(StateQueries.PolicyReferencesOfEntity(t.Name, "TAG")).ConfigureAwait(false);
            foreach (var d in scope.Datasets)
            {
                await ReferencesAsync(StateQueries.PolicyReferencesOfEntity(d.Name, d.Domain)).ConfigureAwait(false);
                await AssignmentsAsync(d).ConfigureAwait(false);
            }
            try
            {
                return new AccountState(scope, tags, masking, rowAccess, _columnMasking, _rowAccess, _tagMasking, _assignments);
            }
            catch (ArgumentException e)
            {
                throw new StateReadException("", "the account's answers contradict each other: " + e.Message, e);
            }
        }

        // ------------------------------------------------------------------------------------------------ tags

        private async Task<List<TagState>> TagsAsync()
        {
            var query = StateQueries.ShowTags(scope.TagSchema);
            var tags = new List<TagState>();
            // multi_value and propagate are newer columns (an account without them has neither feature on its tags).
            var rows = await QueryAsync(query, new[] { "name", "database_name", "schema_name", "owner", "comment" }, new[] { "multi_value", "propagate" }).ConfigureAwait(false);
            foreach (var row in ByName(rows))
            {
                var name = Build(query, row, () => new SchemaObjectName(row.Required("database_name"), row.Required("schema_name"), row.Required("name")));
                var valuesQuery = StateQueries.TagAllowedValues(name);
                var values = await QueryAsync(valuesQuery, StateQueries.AllowedValuesColumn).ConfigureAwait(false);
                if (values.Count != 1) throw new StateReadException(valuesQuery, "`" + valuesQuery + "` returned " + values.Count.ToString(CultureInfo.InvariantCulture) + " rows; expected one");
                var allowed = AllowedValues(valuesQuery, values[0].Optional(StateQueries.AllowedValuesColumn));
                var multiValue = Flag(query, "multi_value", row.Optional("multi_value"));
                tags.Add(Build(query, row, () => new TagState(name, allowed, row.Optional("comment"), row.Optional("owner"), multiValue, row.Optional("propagate")?.Trim())));
            }
            return tags;
        }

        // A BOOLEAN column as the driver gives it: true or false (any case), NULL or empty as false.
        private static bool Flag(string query, string column, string? value)
        {
            if (string.IsNullOrWhiteSpace(value) || string.Equals(value.Trim(), "false", StringComparison.OrdinalIgnoreCase)) return false;
            if (string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase)) return true;
            throw new StateReadException(query, "`" + query + "` returned " + column + " " + Shown(value) + "; expected true or false");
        }

        // A JSON array of strings in the tag's order, as the documentation's example shows it; NULL when any value is
        // allowed. The function's page calls it "a comma-separated list": a text that is not a JSON array is read so.
        private static List<string>? AllowedValues(string query, string? json)
        {
            if (json is null) return null;
            if (!json.TrimStart().StartsWith('[')) return json.Length == 0 ? new List<string>() : json.Split(',').ToList();
            try
            {
                using var doc = JsonDocument.Parse(json);
                if (doc.RootElement.ValueKind == JsonValueKind.Array && doc.RootElement.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String))
                    return doc.RootElement.EnumerateArray().Select(e => e.GetString()!).ToList();
            }
            catch (JsonException)
            {
            }
            throw new StateReadException(query, "`" + query + "` returned " + Shown(json) + "; expected a JSON array of strings, like [\"email\",\"phone\"], or NULL");
        }

        // ------------------------------------------------------------------------------------------------ policies

        private async Task<List<PolicyState>> PoliciesAsync(PolicyKind kind)
        {
            var query = StateQueries.ShowPolicies(kind, scope.PolicySchema);
            var columns = kind == PolicyKind.Masking
                ? new[] { "name", "database_name", "schema_name", "owner", "comment", "options" }
                : new[] { "name", "database_name", "schema_name", "owner", "comment" };
            var policies = new List<PolicyState>();
            foreach (var row in ByName(await QueryAsync(query, columns).ConfigureAwait(false)))
            {
                var name = Build(query, row, () => new SchemaObjectName(row.Required("database_name"), row.Required("schema_name"), row.Required("name")));
                var exempt = kind == PolicyKind.Masking && Exempt(query, row.Optional("options"));
                var describe = StateQueries.DescribePolicy(kind, name);
                var described = await QueryAsync(describe, "signature", "return_type", "body").ConfigureAwait(false);
                if (described.Count != 1) throw new StateReadException(describe, "`" + describe + "` returned " + described.Count.ToString(CultureInfo.InvariantCulture) + " rows; expected one");
                var d = described[0];
                var signature = d.Required("signature");
                var split = StateText.SplitSignature(signature)
                    ?? throw new StateReadException(describe, "`" + describe + "` returned the signature " + Shown(signature) + "; expected `(NAME TYPE, …)`");
                var arguments = Build(describe, d, () => split.Select(a => new PolicyArgumentState(a.Name, StateText.ArgumentType(a.Type))).ToList());
                policies.Add(Build(describe, d, () => new PolicyState(kind, name, arguments, StateText.Type(d.Required("return_type")), d.Optional("body") ?? "",
                    exempt, row.Optional("comment"), row.Optional("owner"))));
            }
            return policies;
        }

        // SHOW's options: {"EXEMPT_OTHER_POLICIES":true} when set (a JSON string "TRUE", or a lower-case key, in other
        // readers' experience: accepted too), empty or NULL when not.
        private static bool Exempt(string query, string? options)
        {
            if (string.IsNullOrWhiteSpace(options)) return false;
            try
            {
                using var doc = JsonDocument.Parse(options);
                if (doc.RootElement.ValueKind == JsonValueKind.Object)
                {
                    foreach (var p in doc.RootElement.EnumerateObject())
                    {
                        if (!string.Equals(p.Name, "EXEMPT_OTHER_POLICIES", StringComparison.OrdinalIgnoreCase)) continue;
                        return p.Value.ValueKind == JsonValueKind.True
                               || (p.Value.ValueKind == JsonValueKind.String && string.Equals(p.Value.GetString(), "TRUE", StringComparison.OrdinalIgnoreCase));
                    }
                    return false;
                }
            }
            catch (JsonException)
            {
            }
            throw new StateReadException(query, "`" + query + "` returned options " + Shown(options) + "; expected a JSON object, like {\"EXEMPT_OTHER_POLICIES\":true}, or nothing");
        }

        // ------------------------------------------------------------------------------------------------ references

        private async Task ReferencesAsync(string query)
        {
            foreach (var row in await QueryAsync(query, StateQueries.PolicyReferenceColumns.ToArray()).ConfigureAwait(false))
            {
                var kind = row.Optional("POLICY_KIND")?.ToUpperInvariant();
                if (kind is not ("MASKING_POLICY" or "ROW_ACCESS_POLICY")) continue; // projection, aggregation … policies are not the tool's
                var domain = row.Required("REF_ENTITY_DOMAIN").ToUpperInvariant();
                var column = row.Optional("REF_COLUMN_NAME");
                Build(query, row, () =>
                {
                    var policy = new SchemaObjectName(row.Required("POLICY_DB"), row.Required("POLICY_SCHEMA"), row.Required("POLICY_NAME"));
                    var entity = new SchemaObjectName(row.Required("REF_DATABASE_NAME"), row.Required("REF_SCHEMA_NAME"), row.Required("REF_ENTITY_NAME"));
                    var arguments = ArgumentColumns(query, row.Optional("REF_ARG_COLUMN_NAMES"));
                    var status = row.Optional("POLICY_STATUS");
                    if (kind == "ROW_ACCESS_POLICY") _rowAccess.Add(new RowAccessReference(entity, domain, policy, arguments, status));
                    else if (domain == "TAG") _tagMasking.Add(new TagMaskingReference(entity, policy, status));
                    else if (column is not null)
                    {
                        var tag = row.Optional("TAG_NAME") is { } tagName ? new SchemaObjectName(row.Required("TAG_DATABASE"), row.Required("TAG_SCHEMA"), tagName) : null;
                        _columnMasking.Add(new ColumnMaskingReference(entity, domain, column, policy, Conditions(arguments, column, policy), tag, status));
                    }
                    return true;
                });
            }
        }

        // REF_ARG_COLUMN_NAMES: a JSON array of column names (as the emulated account and the Terraform provider read
        // it); a comma-separated list is read too. NULL for a plain masking policy.
        private static List<string> ArgumentColumns(string query, string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) return new List<string>();
            var t = text.Trim();
            if (t.StartsWith('['))
            {
                try
                {
                    using var doc = JsonDocument.Parse(t);
                    if (doc.RootElement.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String))
                        return doc.RootElement.EnumerateArray().Select(e => e.GetString()!).ToList();
                }
                catch (JsonException)
                {
                }
                throw new StateReadException(query, "`" + query + "` returned REF_ARG_COLUMN_NAMES " + Shown(text) + "; expected a JSON array of column names");
            }
            return t.Split(',').Select(c => c.Trim()).Where(c => c.Length > 0).ToList();
        }

        // The conditional columns of a masking reference: REF_ARG_COLUMN_NAMES lists the USING columns after the masked
        // one (Snowflake's documentation does not say whether the masked column comes first: when the list is as long as
        // the policy's signature and starts with the column, it does, and is dropped).
        private List<string> Conditions(List<string> arguments, string column, SchemaObjectName policy)
        {
            if (arguments.Count > 0 && _masking.TryGetValue(policy, out var p) && arguments.Count == p.Arguments.Count
                && string.Equals(arguments[0], column, StringComparison.Ordinal))
                return arguments.Skip(1).ToList();
            return arguments;
        }

        // ------------------------------------------------------------------------------------------------ tag assignments

        private async Task AssignmentsAsync(ScopeDataset dataset)
        {
            var query = StateQueries.TagReferencesAllColumns(dataset.Name);
            foreach (var row in await QueryAsync(query, StateQueries.TagReferenceColumns.ToArray()).ConfigureAwait(false))
            {
                if (row.Optional("TAG_DATABASE") != scope.TagSchema.Database || row.Optional("TAG_SCHEMA") != scope.TagSchema.Schema) continue; // not the tool's tag schema
                Build(query, row, () =>
                {
                    var tag = scope.TagSchema.Object(row.Required("TAG_NAME"));
                    var name = dataset.Name;
                    TagTarget target = (row.Optional("LEVEL") ?? "").ToUpperInvariant() switch
                    {
                        "COLUMN" => new ColumnTarget(dataset.Kind, name, row.Required("COLUMN_NAME")),
                        "SCHEMA" => new SchemaTarget(new SchemaName(name.Database, name.Schema)),
                        "DATABASE" => new DatabaseTarget(name.Database),
                        _ => new DatasetTarget(dataset.Kind, name),
                    };
                    _assignments.Add(new TagAssignmentState(target, tag, row.Optional("TAG_VALUE") ?? ""));
                    return true;
                });
            }
        }

        // ------------------------------------------------------------------------------------------------ running queries

        // SHOW's rows by name, so that the queries that follow are sent in the same order whatever order the server gives.
        private static IEnumerable<Row> ByName(List<Row> rows)
            => rows.OrderBy(r => r.Optional("name") ?? "", StringComparer.Ordinal).ThenBy(r => r.Optional("database_name") ?? "", StringComparer.Ordinal)
                .ThenBy(r => r.Optional("schema_name") ?? "", StringComparer.Ordinal);

        private static T Build<T>(string query, Row row, Func<T> build)
        {
            try
            {
                return build();
            }
            catch (Exception e) when (e is ArgumentException or SnowflakeCompileException)
            {
                throw new StateReadException(query, "`" + query + "` returned a row that cannot be read (" + row + "): " + e.Message, e);
            }
        }

        private Task<List<Row>> QueryAsync(string query, params string[] columns) => QueryAsync(query, columns, Array.Empty<string>());

        // The required columns must be in the result; an optional one that is not reads as NULL.
        private async Task<List<Row>> QueryAsync(string query, string[] required, string[] optional)
        {
            var columns = required.Concat(optional).ToArray();
            cancellationToken.ThrowIfCancellationRequested();
            var rows = new List<Row>();
            try
            {
                await using var command = connection.CreateCommand();
                command.CommandText = query;
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                var ordinals = new int[columns.Length];
                var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
                for (var i = 0; i < columns.Length; i++)
                {
                    var exact = names.IndexOf(columns[i]);
                    ordinals[i] = exact >= 0 ? exact : names.FindIndex(n => string.Equals(n, columns[i], StringComparison.OrdinalIgnoreCase));
                    if (ordinals[i] < 0 && i < required.Length)
                    {
                        throw new StateReadException(query, "the result of `" + query + "` has no column `" + columns[i] + "`; it has "
                            + string.Join(", ", names.Select(n => "`" + n + "`")) + ", and " + string.Join(", ", required.Select(c => "`" + c + "`")) + " were expected");
                    }
                }
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var values = new string?[columns.Length];
                    for (var i = 0; i < columns.Length; i++)
                        values[i] = ordinals[i] < 0 || await reader.IsDBNullAsync(ordinals[i], cancellationToken).ConfigureAwait(false) ? null : Convert.ToString(reader.GetValue(ordinals[i]), CultureInfo.InvariantCulture);
                    rows.Add(new Row(query, columns, values));
                }
            }
            catch (DbException e)
            {
                throw new StateReadException(query, "`" + query + "` failed: " + e.Message, e);
            }
            return rows;
        }
    }

    /// <summary>One row of a result, by column name.</summary>
    private sealed class Row(string query, string[] columns, string?[] values)
    {
        public string? Optional(string column) => values[Array.IndexOf(columns, column)];

        public string Required(string column)
            => Optional(column) is { Length: > 0 } value ? value
                : throw new StateReadException(query, "the result of `" + query + "` has no value in column `" + column + "` (" + this + ")");

        public override string ToString() => string.Join(", ", columns.Select((c, i) => c + " = " + (values[i] is { } v ? Shown(v) : "NULL")));
    }

    private static string Shown(string value) => "`" + (value.Length > 200 ? value[..200] + "…" : value) + "`";
}
