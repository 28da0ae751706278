using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Vigil.Server.Distribution;

/// <summary>Writes the spec's error bodies.</summary>
public static class OciResults
{
    public static async Task ErrorAsync(HttpContext ctx, int status, string code, string message, string? detail = null)
    {
        if (ctx.Response.HasStarted) return;
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        if (HttpMethods.IsHead(ctx.Request.Method)) return;
        await JsonSerializer.SerializeAsync(ctx.Response.Body, new OciErrorBody([new OciError(code, message, detail)]),
            ServerJsonContext.Default.OciErrorBody, ctx.RequestAborted).ConfigureAwait(false);
    }

    public static async Task JsonAsync<T>(HttpContext ctx, int status, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string contentType = "application/json")
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = contentType;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, type);
        ctx.Response.ContentLength = bytes.Length;
        if (!HttpMethods.IsHead(ctx.Request.Method)) await ctx.Response.Body.WriteAsync(bytes, ctx.RequestAborted).ConfigureAwait(false);
    }
}
