using System.Security.Cryptography;
using System.Text;
using Vigil.Core.Model;

namespace Vigil.Server.Scanning;

/// <summary>
/// A short stable name for the database content a result was matched against: it changes whenever an import changes
/// the database, which is when stored indexes must be re-matched.
/// </summary>
public static class DatabaseVersion
{
    public static string Of(DatabaseInfo? db)
    {
        if (db is null) return "none";
        var sb = new StringBuilder().Append(db.SchemaVersion).Append('|').Append(db.BuiltAt?.ToUnixTimeSeconds()).Append('|').Append(db.AdvisoryCount);
        foreach (var i in db.Imports.OrderBy(i => i.Feed, StringComparer.Ordinal).ThenBy(i => i.ImportedAt)) sb.Append('|').Append(i.Feed).Append(':').Append(i.InputSha256);
        return $"v{db.SchemaVersion}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())))[..16]}";
    }
}
