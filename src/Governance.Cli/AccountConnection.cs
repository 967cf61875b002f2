using System.Data.Common;
using System.Reflection;
using System.Text.RegularExpressions;
using Governance.Simulation;
using Governance.Snowflake;
using Governance.State;
using Governance.Snapshots;
using Governance.Evaluation;

namespace Governance.Cli;

/// <summary>
/// The account a command reads: an emulated one (<c>--emulator FILE.duckdb</c>, created empty when missing, the
/// snapshot's datasets created in it with sample rows, and the tool's policy and tag schemas) or a real one through an ADO.NET provider loaded from
/// <c>--provider-assembly PATH</c> (its public <see cref="DbProviderFactory"/> with a static <c>Instance</c>, such as
/// Snowflake.Data's <c>SnowflakeDbFactory</c>) and <c>--connection-string</c>. Nothing a connection string holds as a
/// secret (password, passcode, token, private key …) appears in any message: every error is passed through
/// <see cref="Redact"/>.
/// </summary>
internal static partial class AccountConnection
{
    /// <summary>
    /// Opens the account the options name and runs <paramref name="use"/> on it; a provider assembly stays loaded for the
    /// call only. A connection that cannot be opened is a <see cref="UsageException"/> (exit 2) with the server's message,
    /// secrets redacted.
    /// </summary>
    public static T Use<T>(string? connectionString, string? providerAssembly, string? emulator, MetadataSnapshot snapshot, StateScope scope, Func<DbConnection, string, T> use,
        EvaluationResult? entitlementsFor = null)
    {
        if ((connectionString is null) == (emulator is null))
            throw new UsageException("name one account: `--connection-string …` with `--provider-assembly PATH`, or `--emulator FILE.duckdb`");
        if (emulator is not null)
        {
            if (providerAssembly is not null) throw new UsageException("`--provider-assembly` goes with `--connection-string`, not with `--emulator`");
            using var account = OpenEmulator(emulator, snapshot, scope, entitlementsFor);
            return use(account, "the emulated account `" + emulator + "`");
        }
        return UseProvider(connectionString!, providerAssembly, use);
    }

    /// <summary>
    /// Opens the account the options name, for reading only, and runs <paramref name="use"/> on it: an emulated account
    /// as the file holds it (nothing created in it; the file must exist), or the account of the connection string.
    /// Errors as for <see cref="Use"/>.
    /// </summary>
    public static T Read<T>(string? connectionString, string? providerAssembly, string? emulator, Func<DbConnection, string, T> use)
    {
        if ((connectionString is null) == (emulator is null))
            throw new UsageException("name one account: `--connection-string …` with `--provider-assembly PATH`, or `--emulator FILE.duckdb`");
        if (emulator is null) return UseProvider(connectionString!, providerAssembly, use);
        if (providerAssembly is not null) throw new UsageException("`--provider-assembly` goes with `--connection-string`, not with `--emulator`");
        if (!File.Exists(emulator)) throw new UsageException("cannot open the emulated account `" + emulator + "`: the file does not exist");
        using var account = OpenEmulator(emulator, null, null, null);
        return use(account, "the emulated account `" + emulator + "`");
    }

    /// <summary>
    /// Opens the account of <paramref name="connectionString"/> through the ADO.NET provider loaded from
    /// <paramref name="providerAssembly"/> and runs <paramref name="use"/> on it; errors as for <see cref="Use"/>.
    /// </summary>
    public static T UseProvider<T>(string connectionString, string? providerAssembly, Func<DbConnection, string, T> use)
    {
        if (providerAssembly is null)
            throw new UsageException("`--connection-string` needs an ADO.NET provider: give `--provider-assembly PATH`, for example the path of Snowflake.Data.dll (see docs/deploy.md)");
        return InputAssembly.Use(providerAssembly, (assembly, path) =>
        {
            var factory = Factory(assembly, path);
            using var connection = Open(factory, connectionString);
            return use(connection, "the account of the connection string");
        });
    }

    // The emulated account, set up as an account prepared for the tool: the snapshot's datasets and the tool's schemas.
    // With a result, also the mapping tables its row access rules read (a row access policy's body names them).
    // Without a snapshot, the account as the file holds it.
    private static EmulatorConnection OpenEmulator(string file, MetadataSnapshot? snapshot, StateScope? scope, EvaluationResult? entitlementsFor)
    {
        var builder = new DbConnectionStringBuilder { ["Data Source"] = Path.GetFullPath(file) };
        var account = new EmulatorConnection(builder.ConnectionString);
        try
        {
            account.Open();
            if (snapshot is null || scope is null) return account;
            account.CreateDatasets(snapshot);
            if (entitlementsFor is not null) account.CreateEntitlementTables(snapshot, entitlementsFor);
            foreach (var schema in new[] { scope.PolicySchema, scope.TagSchema })
            {
                foreach (var sql in new[] { "CREATE DATABASE IF NOT EXISTS " + SqlText.Identifier(schema.Database), "CREATE SCHEMA IF NOT EXISTS " + schema.Sql })
                {
                    using var command = account.CreateCommand();
                    command.CommandText = sql;
                    command.ExecuteNonQuery();
                }
            }
            return account;
        }
        catch (Exception e) when (e is DbException or ArgumentException or SimulationException)
        {
            account.Dispose();
            throw new UsageException("cannot open the emulated account `" + file + "`: " + e.Message);
        }
    }

    private static DbProviderFactory Factory(Assembly assembly, string path)
    {
        Type[] types;
        try
        {
            types = assembly.GetExportedTypes();
        }
        catch (Exception e) when (e is ReflectionTypeLoadException or FileNotFoundException or FileLoadException)
        {
            throw new UsageException("cannot load the types of `" + path + "`: " + e.Message);
        }
        var factories = types
            .Where(t => typeof(DbProviderFactory).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => (Type: t, Instance: t.GetField("Instance", BindingFlags.Public | BindingFlags.Static)?.GetValue(null)
                                             ?? t.GetProperty("Instance", BindingFlags.Public | BindingFlags.Static)?.GetValue(null)))
            .Where(f => f.Instance is DbProviderFactory)
            .OrderBy(f => f.Type.FullName, StringComparer.Ordinal)
            .ToList();
        if (factories.Count == 0)
            throw new UsageException("`" + path + "` has no ADO.NET provider: expected a public DbProviderFactory with a static `Instance`, like Snowflake.Data's `SnowflakeDbFactory`");
        if (factories.Count > 1)
            throw new UsageException("`" + path + "` has several ADO.NET providers (" + string.Join(", ", factories.Select(f => "`" + f.Type.FullName + "`")) + "); expected one");
        return (DbProviderFactory)factories[0].Instance!;
    }

    private static DbConnection Open(DbProviderFactory factory, string connectionString)
    {
        DbConnection? connection = null;
        try
        {
            connection = factory.CreateConnection() ?? throw new UsageException("the provider `" + factory.GetType().FullName + "` creates no connection");
            connection.ConnectionString = connectionString;
            connection.Open();
            return connection;
        }
        catch (Exception e) when (e is not UsageException)
        {
            connection?.Dispose();
            throw new UsageException("cannot connect to the account: " + Redact(Message(e), connectionString));
        }
    }

    /// <summary>An exception's message with those of its inner exceptions that say more (a provider often wraps the server's).</summary>
    public static string Message(Exception e)
    {
        var parts = new List<string>();
        for (var x = (Exception?)e; x is not null; x = x.InnerException)
        {
            if (x is TargetInvocationException) continue;
            var m = x.Message.Trim();
            if (m.Length > 0 && !parts.Any(p => p.Contains(m, StringComparison.Ordinal))) parts.Add(m);
        }
        return string.Join(": ", parts);
    }

    // Connection string keys whose value is a secret: Snowflake.Data's PASSWORD, PASSCODE, TOKEN, PRIVATE_KEY,
    // PRIVATE_KEY_PWD, PROXYPASSWORD, and the usual names of other providers (Pwd, Client Secret …).
    private static readonly string[] SecretKeyParts = { "password", "pwd", "passcode", "token", "secret", "key", "credential" };

    private static bool IsSecret(string key)
    {
        var k = key.Replace("_", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
        return SecretKeyParts.Any(p => k.Contains(p.Replace("_", "", StringComparison.Ordinal), StringComparison.Ordinal));
    }

    /// <summary>
    /// <paramref name="message"/> with every secret of <paramref name="connectionString"/> replaced by <c>***</c>: the
    /// values of its secret keys, wherever they appear, and any <c>key=value</c> pair of a secret key.
    /// </summary>
    public static string Redact(string message, string? connectionString)
    {
        ArgumentNullException.ThrowIfNull(message);
        var secrets = new List<string>();
        if (!string.IsNullOrEmpty(connectionString))
        {
            try
            {
                var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
                foreach (string key in builder.Keys)
                {
                    if (IsSecret(key) && builder[key] is string value && value.Length > 0) secrets.Add(value);
                }
            }
            catch (ArgumentException)
            {
                // Not parsable: the whole text is a secret then.
                secrets.Add(connectionString);
            }
        }
        foreach (var s in secrets.Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length))
        {
            message = message.Replace(s, "***", StringComparison.Ordinal);
        }
        return SecretPair().Replace(message, m => m.Groups["key"].Value + "=***");
    }

    [GeneratedRegex(@"(?<key>[A-Za-z_ ]*(?:password|pwd|passcode|token|secret|private_key|privatekey)[A-Za-z_ ]*)\s*=\s*(?:""(?:[^""]|"""")*""|'[^']*'|[^;\s]*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretPair();
}
