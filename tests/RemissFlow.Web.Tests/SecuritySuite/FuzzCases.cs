using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace RemissFlow.Web.Tests.SecuritySuite;

/// <summary>Real ids one request is aimed at (whatever a path needs), from the demo data and the suite's own set-up.</summary>
public sealed record FuzzTarget(string Label, Guid RemissId, Guid SvarId, Guid BilagaId, Guid OrgId);

/// <summary>One request on the wire. <see cref="ContentType"/> is sent as given, even when it is not a valid header value.</summary>
public sealed record FuzzRequest(string Method, string Path, byte[]? Body, string? ContentType, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    public string BodyPreview => Body is null ? "" : Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 160)).ReplaceLineEndings("⏎") + (Body.Length > 160 ? $"… ({Body.Length} byte)" : "");
}

/// <summary>A fuzz case of one operation; built per target, since path ids and some body ids come from it. <see cref="Once"/>: big cases sent by one principal only.</summary>
public sealed record FuzzCase(string Label, Func<FuzzTarget, FuzzRequest> Build, bool Once = false, bool Anonymous = false);

/// <summary>Ids that make a body valid enough to reach the use case's own checks.</summary>
public sealed record FuzzIds(IReadOnlyList<Guid> Organisations, Guid Handlaggare, Guid Sammantrade, IReadOnlyList<string> Triggers,
    Func<string, string, FuzzTarget, int?> Version);

/// <summary>
/// Generates the cases of one operation from its OpenAPI description: a valid body, then per property null, missing, wrong
/// types, control and bidi characters, very long strings, edge dates, numbers and enum values; whole-body damage (malformed
/// and oversized JSON, wrong content types); malformed multipart; unknown and malformed path ids; odd headers. Deterministic:
/// every random choice comes from the seeded <see cref="Random"/>.
/// </summary>
public sealed class FuzzCases(Random random, FuzzIds ids, long bodyLimit, long uploadLimit)
{
    private const string RawMarker = "\u0001raw:";

    // Characters go on the wire as UTF-8, as most clients send them, not as \uXXXX escapes.
    private static readonly System.Text.Json.JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private int _counter;
    private string _path = "";

    private static readonly string[] EdgeDates = ["0001-01-01", "9999-12-31", "2026-02-30", "", "not a date", "2026-13-01", "2026-01-01T25:00:00", "-0001-01-01", "20260101"];

    private static readonly string[] NastyStrings =
    [
        "", " ", "\u0000\u0001\u0007\u001b[2J\r\n\t\u007f", "\u202Efdp.exe\u202C", "\u2066\u2067\u2068\u2069\u200E\u200F\u061C\u202A\u202B\u202D",
        "\u200B\uFEFF\u00AD", "<script>alert(1)</script>\"'&", "' OR 1=1; --", "%00%2e%2e%2f", "..\\..\\windows\\win.ini", "ÅÄÖåäö \U0001F600 \u0301",
    ];

    private int Next() => Interlocked.Increment(ref _counter);

    public IEnumerable<FuzzCase> For(FuzzOperation op)
    {
        _path = op.Path;
        var cases = new List<FuzzCase>();
        cases.AddRange(PathCases(op));
        cases.AddRange(QueryCases(op));
        if (op.Json is { } json)
        {
            cases.AddRange(JsonCases(op, json));
        }
        else if (op.Multipart is { } form)
        {
            cases.AddRange(MultipartCases(op, form));
        }
        else
        {
            cases.AddRange(BodylessCases(op));
        }

        cases.AddRange(HeaderCases(op));
        return cases;
    }

    /// <summary>The request a well-behaved client would send; the fuzzer's cases are variations of it.</summary>
    public FuzzCase Valid(FuzzOperation op) => new("giltig", t =>
    {
        _path = op.Path;
        return op.Json is { } s ? Json(op, t, ValidJson(s, "", t)) : op.Multipart is { } f ? Multipart(op, t, ValidParts(f, t), out _) : Send(op, t, null, null);
    });

    // ---- Paths and queries.

    private IEnumerable<FuzzCase> PathCases(FuzzOperation op)
    {
        foreach (var p in op.Parameters.Where(p => p.In == "path"))
        {
            var values = p.Schema.Format == "uuid"
                ? new[] { Guid.NewGuid().ToString(), Guid.Empty.ToString(), "not-a-guid", "..%2F..%2Fetc%2Fpasswd", new string('a', 3000), "%00", "12" }
                : ["okand_handelse", "", "..%2F..", new string('x', 3000), "%E2%80%AE", "skicka_ut%00", "SKICKA_UT", "1"];
            foreach (var value in values.Where(v => v.Length > 0 || p.Schema.Format != "uuid"))
            {
                yield return new FuzzCase($"sökväg {p.Name}={Short(value)}", t => Send(op, t, null, null, path: new() { [p.Name] = value }));
            }

            if (p.Schema.Format == "uuid")
            {
                // A real id of the wrong kind: a remissvar where a remiss is expected and the other way round.
                yield return new FuzzCase($"sökväg {p.Name}=id av annan sort", t => Send(op, t, null, null, path: new()
                {
                    [p.Name] = (p.Name == "svarId" || op.Path.StartsWith("/api/arenden", StringComparison.Ordinal) ? t.RemissId : t.SvarId).ToString(),
                }));
            }
            else if (p.Name == "trigger")
            {
                foreach (var trigger in ids.Triggers)
                {
                    yield return new FuzzCase($"händelse {trigger}", t => Send(op, t, op.Json is { } s ? Encoding.UTF8.GetBytes(ValidJson(s, "", t)!.ToJsonString()) : null,
                        op.Json is null ? null : "application/json", path: new() { [p.Name] = trigger }));
                }
            }
        }

        yield return new FuzzCase("fel metod", t => Send(op, t, null, null) with { Method = op.Method == "GET" ? "DELETE" : "PATCH" });
    }

    private static IEnumerable<FuzzCase> QueryCases(FuzzOperation op)
    {
        foreach (var p in op.Parameters.Where(p => p.In == "query"))
        {
            foreach (var value in new[] { "pdf", "docx", "xlsx", "csv", "zip", "", "PDF", "exe", "..%2F..", new string('q', 5000), "%00", "pdf%E2%80%AE" })
            {
                yield return new FuzzCase($"fråga {p.Name}={Short(value)}", t => Send(op, t, null, null, query: $"{p.Name}={value}"));
            }
        }

        if (op.Method == "GET")
        {
            yield return new FuzzCase("okänd och upprepad fråga", t => Send(op, t, null, null, query: "format=pdf&format=csv&x=%FF&" + new string('y', 2000) + "=1"));
        }
    }

    // ---- JSON bodies.

    private IEnumerable<FuzzCase> JsonCases(FuzzOperation op, FuzzSchema schema)
    {
        yield return new FuzzCase("giltig", t => Json(op, t, ValidJson(schema, "", t)));
        if (schema.Kind == "object")
        {
            foreach (var (path, property) in Leaves(schema, ""))
            {
                foreach (var (label, value) in Mutations(property, path))
                {
                    var l = label;
                    var v = value;
                    yield return new FuzzCase($"{path}: {l}", t => Json(op, t, Mutate(ValidJson(schema, "", t)!, path, v)));
                }
            }
        }

        foreach (var (label, text) in BrokenJson())
        {
            yield return new FuzzCase($"trasig JSON: {label}", t => Send(op, t, text, "application/json"));
        }

        yield return new FuzzCase("okända fält", t =>
        {
            var body = ValidJson(schema, "", t) as JsonObject ?? new JsonObject();
            body["okant"] = "x";
            body["__proto__"] = new JsonObject { ["admin"] = true };
            body["Id"] = Guid.NewGuid().ToString();
            return Json(op, t, body);
        });
        yield return new FuzzCase("dubbla fält", t =>
        {
            var text = ValidJson(schema, "", t)!.ToJsonString();
            return Send(op, t, Encoding.UTF8.GetBytes(text.Length > 2 ? text.TrimEnd('}') + (text.Length > 2 ? "," : "") + text.TrimStart('{') : text), "application/json");
        });
        yield return new FuzzCase("10 000 okända fält", t => Send(op, t, Encoding.UTF8.GetBytes("{" + string.Join(",", Enumerable.Range(0, 10_000).Select(i => $"\"f{i}\":{i}")) + "}"), "application/json"), Once: true);
        yield return new FuzzCase($"över gränsen ({bodyLimit} byte)", t =>
        {
            var body = ValidJson(schema, "", t) as JsonObject ?? new JsonObject();
            var stringProperty = schema.Properties.FirstOrDefault(p => p.Value.Kind == "string" && p.Value.Format is null).Key ?? "utfyllnad";
            body[stringProperty] = new string('x', (int)bodyLimit + 4096);
            return Json(op, t, body);
        }, Once: true);
        foreach (var (label, contentType, body) in WrongContentTypes(schema))
        {
            yield return new FuzzCase($"innehållstyp {label}", t => Send(op, t, body(t), contentType));
        }
    }

    /// <summary>Every property, and the properties of objects inside arrays (as "yrkanden[0].text").</summary>
    private static IEnumerable<(string Path, FuzzSchema Schema)> Leaves(FuzzSchema schema, string prefix)
    {
        foreach (var (name, property) in schema.Properties)
        {
            var path = prefix.Length == 0 ? name : $"{prefix}.{name}";
            yield return (path, property);
            if (property.Kind == "array" && property.Items is { Kind: "object" } item && prefix.Length == 0)
            {
                foreach (var inner in Leaves(item, $"{path}[0]"))
                {
                    yield return inner;
                }
            }
        }
    }

    private IEnumerable<(string Label, JsonNode? Value)> Mutations(FuzzSchema schema, string path)
    {
        yield return ("null", null);
        yield return ("saknas", Raw("\u0002missing"));
        yield return ("objekt", new JsonObject { ["a"] = 1 });
        yield return ("lista", new JsonArray(1, 2));
        switch (schema.Kind)
        {
            case "string" when schema.Format is "date" or "date-time":
                foreach (var d in EdgeDates)
                {
                    yield return ($"datum {Short(d)}", d);
                }

                yield return ("datum som tal", 20260101);
                break;
            case "string" when schema.Format == "uuid":
                yield return ("uuid trasig", "not-a-guid");
                yield return ("uuid tom", "");
                yield return ("uuid nollor", Guid.Empty.ToString());
                yield return ("uuid slumpad", Guid.NewGuid().ToString());
                yield return ("uuid som tal", 12);
                break;
            case "string":
                yield return ("tal", 123);
                yield return ("sant", true);
                foreach (var s in NastyStrings)
                {
                    yield return ($"text {Short(s)}", s);
                }

                yield return ("text 5 000 tecken", new string('x', 5_000));
                yield return ("text 50 000 tecken", new string('å', 50_000));
                yield return ("ensamt surrogat", Raw("\"\\ud800x\\udfff\""));
                break;
            case "integer" or "number":
                foreach (var raw in new[] { "\"abc\"", "1.5", "2147483648", "-2147483649", "9223372036854775808", "1e308", "-1", "0", "2147483647", "-2147483648", "\"12\"", "true", "\"\"", "1e2", "\"0x10\"" })
                {
                    yield return ($"tal {raw}", Raw(raw));
                }

                break;
            case "boolean":
                yield return ("\"yes\"", "yes");
                yield return ("1", 1);
                yield return ("\"true\"", "true");
                yield return ("\"\"", "");
                break;
            case "enum":
                yield return ("okänt värde", "Okänt");
                yield return ("tomt", "");
                yield return ("tal", 99);
                yield return ("tal -1", -1);
                yield return ("gemener", schema.EnumValues.Count > 0 ? schema.EnumValues[0].ToLowerInvariant() : "x");
                yield return ("bidi", (schema.EnumValues.Count > 0 ? schema.EnumValues[0] : "") + "\u202E");
                break;
            case "array":
                yield return ("text", "x");
                yield return ("[null]", new JsonArray((JsonNode?)null));
                yield return ("blandade typer", new JsonArray(1, "x", new JsonObject(), null, true));
                yield return ("2 000 element", new JsonArray(Enumerable.Range(0, 2000).Select(_ => ValidValue(schema.Items ?? FuzzSchema.Any, path, null)).ToArray()));
                yield return ("nästlad", new JsonArray(new JsonArray(new JsonArray())));
                if (schema.Items is { Kind: "string" } items)
                {
                    foreach (var s in NastyStrings.Take(5))
                    {
                        yield return ($"element {Short(s)}", new JsonArray(items.Format == "uuid" ? s : s));
                    }
                }

                break;
            case "object":
                yield return ("text", "x");
                yield return ("tomt objekt", new JsonObject());
                break;
        }
    }

    private static IEnumerable<(string Label, byte[] Body)> BrokenJson()
    {
        string[] texts = ["", "{", "{\"a\":", "}", "[]", "null", "123", "\"text\"", "{}", "{'a':1}", "{\"a\":1,}", "{\"a\" 1}", "NaN", "{\"a\":NaN}", "{\"a\":\"\\x41\"}"];
        foreach (var text in texts)
        {
            yield return (Short(text.Length == 0 ? "tom" : text), Encoding.UTF8.GetBytes(text));
        }

        yield return ("10 000 nivåer lista", Encoding.UTF8.GetBytes(new string('[', 10_000) + new string(']', 10_000)));
        yield return ("2 000 nivåer objekt", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 2000)) + "1" + new string('}', 2000)));
        yield return ("ogiltig UTF-8", [(byte)'{', (byte)'"', 0xFF, 0xFE, 0xC3, (byte)'"', (byte)':', (byte)'1', (byte)'}']);
        yield return ("BOM", [0xEF, 0xBB, 0xBF, (byte)'{', (byte)'}']);
        yield return ("nollbyte", [(byte)'{', 0, (byte)'}']);
        yield return ("kommentar", Encoding.UTF8.GetBytes("/* c */ {} // d"));
        yield return ("skräp efter", Encoding.UTF8.GetBytes("{} {} xyz"));
    }

    private IEnumerable<(string Label, string? ContentType, Func<FuzzTarget, byte[]> Body)> WrongContentTypes(FuzzSchema schema)
    {
        byte[] Valid(FuzzTarget t) => Encoding.UTF8.GetBytes(ValidJson(schema, "", t)!.ToJsonString());
        yield return ("saknas", null, Valid);
        yield return ("text/plain", "text/plain", Valid);
        yield return ("formulär", "application/x-www-form-urlencoded", _ => "title=x&svarsdatum=2027-05-01"u8.ToArray());
        yield return ("multipart med JSON", "multipart/form-data; boundary=xyz", Valid);
        yield return ("multipart utan gräns", "multipart/form-data", Valid);
        yield return ("utf-16 påstådd", "application/json; charset=utf-16", Valid);
        yield return ("okänd teckenkodning", "application/json; charset=bogus", Valid);
        yield return ("utf-16 på riktigt", "application/json; charset=utf-16", t => Encoding.Unicode.GetBytes(ValidJson(schema, "", t)!.ToJsonString()));
        yield return ("xml", "application/xml", _ => "<a>1</a>"u8.ToArray());
        yield return ("trasig innehållstyp", "application/json; ;; charset=\"", Valid);
        yield return ("json-variant", "application/merge-patch+json", Valid);
    }

    // ---- Operations without a body.

    private IEnumerable<FuzzCase> BodylessCases(FuzzOperation op)
    {
        yield return new FuzzCase("giltig", t => Send(op, t, null, null));
        if (op.Method == "GET")
        {
            yield return new FuzzCase("kropp på GET", t => Send(op, t, "{\"a\":1}"u8.ToArray(), "application/json"));
            yield break;
        }

        foreach (var (label, text) in BrokenJson().Take(8))
        {
            yield return new FuzzCase($"oväntad kropp: {label}", t => Send(op, t, text, "application/json"));
        }

        yield return new FuzzCase("oväntad kropp: formulär", t => Send(op, t, "a=1"u8.ToArray(), "application/x-www-form-urlencoded"));
        yield return new FuzzCase("oväntad kropp: över gränsen", t => Send(op, t, Encoding.UTF8.GetBytes("{\"a\":\"" + new string('x', (int)bodyLimit + 4096) + "\"}"), "application/json"), Once: true);
    }

    // ---- Headers.

    private IEnumerable<FuzzCase> HeaderCases(FuzzOperation op)
    {
        if (op.Method != "GET")
        {
            var key = $"fuzz-{random.Next():x8}";
            yield return new FuzzCase("Idempotency-Key 5 000 tecken", t => Valid(op).Build(t) with { Headers = [new("Idempotency-Key", new string('k', 5_000))] });
            yield return new FuzzCase("Idempotency-Key tom", t => Valid(op).Build(t) with { Headers = [new("Idempotency-Key", "")] });
            yield return new FuzzCase("Idempotency-Key dubbel", t => Valid(op).Build(t) with { Headers = [new("Idempotency-Key", "a"), new("Idempotency-Key", "b")] });
            yield return new FuzzCase("Idempotency-Key återanvänd, första", t => Valid(op).Build(t) with { Headers = [new("Idempotency-Key", key)] });
            yield return new FuzzCase("Idempotency-Key återanvänd med annan kropp", t =>
                (op.Json is null ? Send(op, t, "{\"annan\":true}"u8.ToArray(), "application/json") : Json(op, t, new JsonObject { ["annan"] = true })) with { Headers = [new("Idempotency-Key", key)] });
        }

        foreach (var auth in new[] { "Bearer abc.def.ghi", "Bearer " + new string('A', 6000), "Basic Zm9vOmJhcg==", "Bearer", "Bearer ..%2F" })
        {
            yield return new FuzzCase($"Authorization {Short(auth)}", t => Valid(op).Build(t) with { Headers = [new("Authorization", auth)] }, Anonymous: true);
        }
    }

    // ---- Multipart.

    private IEnumerable<FuzzCase> MultipartCases(FuzzOperation op, FuzzSchema form)
    {
        yield return new FuzzCase("multipart giltig", t => Multipart(op, t, ValidParts(form, t), out _));
        foreach (var (name, property) in form.Properties.Where(p => p.Value.Format != "binary"))
        {
            var mutations = new List<(string, string)> { ("tomt", ""), ("5 000 tecken", new string('x', 5000)), ("okänt", "Okänt"), ("tal", "12") };
            mutations.AddRange(NastyStrings.Select(s => ($"text {Short(s)}", s)));
            foreach (var (label, value) in mutations)
            {
                yield return new FuzzCase($"fält {name}: {label}", t =>
                {
                    var parts = ValidParts(form, t);
                    parts.RemoveAll(p => p.Name == name);
                    parts.Add(new Part(name, null, null, Encoding.UTF8.GetBytes(value)));
                    return Multipart(op, t, parts, out _);
                });
            }
        }

        var file = form.Properties.FirstOrDefault(p => p.Value.Format == "binary").Key ?? "fil";
        Part Pdf(string fileName = "Handling.pdf", string type = "application/pdf") => new(file, fileName, type, Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"));
        yield return new FuzzCase("fil saknas", t => Multipart(op, t, ValidParts(form, t).Where(p => p.Name != file).ToList(), out _));
        yield return new FuzzCase("tom fil", t => Multipart(op, t, [new Part(file, "tom.pdf", "application/pdf", [])], out _));
        yield return new FuzzCase("fil som textfält", t => Multipart(op, t, [new Part(file, null, null, "%PDF-1.4"u8.ToArray())], out _));
        yield return new FuzzCase("två filer", t => Multipart(op, t, [Pdf(), Pdf("andra.pdf")], out _));
        yield return new FuzzCase("filnamn ../", t => Multipart(op, t, [Pdf("../../../etc/passwd.pdf")], out _));
        yield return new FuzzCase("filnamn bidi", t => Multipart(op, t, [Pdf("Handling\u202Efdp.exe")], out _));
        yield return new FuzzCase("filnamn styrtecken", t => Multipart(op, t, [Pdf("a\u0001\u001b.pdf")], out _));
        yield return new FuzzCase("filnamn 5 000 tecken", t => Multipart(op, t, [Pdf(new string('n', 5000) + ".pdf")], out _));
        yield return new FuzzCase("filnamn tomt", t => Multipart(op, t, [Pdf("")], out _));
        yield return new FuzzCase("exe som pdf", t => Multipart(op, t, [new Part(file, "a.pdf", "application/pdf", "MZ\u0090\0\u0003"u8.ToArray())], out _));
        yield return new FuzzCase("pdf med fel typ", t => Multipart(op, t, [Pdf("a.pdf", "text/html")], out _));
        yield return new FuzzCase("600 fält", t => Multipart(op, t, [Pdf(), .. Enumerable.Range(0, 600).Select(i => new Part($"f{i}", null, null, "1"u8.ToArray()))], out _));

        // The body is right but the framing is not: where a multipart reader throws instead of refusing.
        yield return new FuzzCase("multipart utan gräns", t => Multipart(op, t, [Pdf()], out _) with { ContentType = "multipart/form-data" });
        yield return new FuzzCase("multipart tom gräns", t => Multipart(op, t, [Pdf()], out _) with { ContentType = "multipart/form-data; boundary=" });
        yield return new FuzzCase("multipart fel gräns", t => Multipart(op, t, [Pdf()], out _) with { ContentType = "multipart/form-data; boundary=annan" });
        yield return new FuzzCase("multipart gräns 100 tecken", t =>
        {
            var boundary = new string('b', 100);
            return Multipart(op, t, [Pdf()], out _, boundary);
        });
        yield return new FuzzCase("multipart avklippt", t =>
        {
            var r = Multipart(op, t, [Pdf()], out _);
            return r with { Body = r.Body![..(r.Body.Length * 2 / 3)] };
        });
        yield return new FuzzCase("multipart avklippt i rubrikerna", t =>
        {
            var r = Multipart(op, t, [Pdf()], out var boundary);
            return r with { Body = Encoding.ASCII.GetBytes($"--{boundary}\r\nContent-Disposition: form-data; name=\"{file}\"; filen") };
        });
        yield return new FuzzCase("multipart utan slutgräns", t =>
        {
            var r = Multipart(op, t, [Pdf()], out var boundary);
            var text = Encoding.Latin1.GetString(r.Body!);
            return r with { Body = Encoding.Latin1.GetBytes(text[..text.LastIndexOf($"--{boundary}--", StringComparison.Ordinal)]) };
        });
        yield return new FuzzCase("multipart enorm delrubrik", t =>
        {
            var boundary = "g" + Next().ToString(CultureInfo.InvariantCulture);
            var body = $"--{boundary}\r\nContent-Disposition: form-data; name=\"{file}\"; filename=\"a.pdf\"\r\nX-Stor: {new string('h', 40_000)}\r\n\r\n%PDF-1.4\r\n--{boundary}--\r\n";
            return Send(op, t, Encoding.ASCII.GetBytes(body), $"multipart/form-data; boundary={boundary}");
        });
        yield return new FuzzCase("multipart 200 delrubriker", t =>
        {
            var boundary = "g" + Next().ToString(CultureInfo.InvariantCulture);
            var headers = string.Concat(Enumerable.Range(0, 200).Select(i => $"X-H{i}: v\r\n"));
            var body = $"--{boundary}\r\nContent-Disposition: form-data; name=\"{file}\"; filename=\"a.pdf\"\r\n{headers}\r\n%PDF-1.4\r\n--{boundary}--\r\n";
            return Send(op, t, Encoding.ASCII.GetBytes(body), $"multipart/form-data; boundary={boundary}");
        });
        yield return new FuzzCase("multipart del utan Content-Disposition", t =>
        {
            var boundary = "g" + Next().ToString(CultureInfo.InvariantCulture);
            return Send(op, t, Encoding.ASCII.GetBytes($"--{boundary}\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--{boundary}--\r\n"), $"multipart/form-data; boundary={boundary}");
        });
        yield return new FuzzCase("multipart trasig Content-Disposition", t =>
        {
            var boundary = "g" + Next().ToString(CultureInfo.InvariantCulture);
            return Send(op, t, Encoding.ASCII.GetBytes($"--{boundary}\r\nContent-Disposition: form-data; name=\"{file}; filename=\r\n\r\n%PDF-1.4\r\n--{boundary}--\r\n"), $"multipart/form-data; boundary={boundary}");
        });
        yield return new FuzzCase("multipart bara skräp", t => Send(op, t, "inte alls multipart"u8.ToArray(), "multipart/form-data; boundary=x"));
        yield return new FuzzCase("multipart tom kropp", t => Send(op, t, [], "multipart/form-data; boundary=x"));
        yield return new FuzzCase("multipart som JSON", t => Multipart(op, t, [Pdf()], out _) with { ContentType = "application/json" });
        yield return new FuzzCase("multipart som text", t => Multipart(op, t, [Pdf()], out _) with { ContentType = "text/plain" });
        yield return new FuzzCase("multipart utan innehållstyp", t => Multipart(op, t, [Pdf()], out _) with { ContentType = null });
        yield return new FuzzCase("formulär i stället", t => Send(op, t, "fil=abc&avstar=true"u8.ToArray(), "application/x-www-form-urlencoded"));
        yield return new FuzzCase("formulär trasigt", t => Send(op, t, "%%%=%ZZ&&=&a"u8.ToArray(), "application/x-www-form-urlencoded"));
        yield return new FuzzCase("JSON i stället", t => Send(op, t, "{\"fil\":\"JVBERi0=\"}"u8.ToArray(), "application/json"));
        yield return new FuzzCase($"fil över gränsen ({uploadLimit} byte)", t =>
            Multipart(op, t, [new Part(file, "stor.pdf", "application/pdf", [.. "%PDF-1.4\n"u8, .. new byte[uploadLimit + 4096]])], out _), Once: true);
    }

    private sealed record Part(string Name, string? FileName, string? ContentType, byte[] Content);

    private List<Part> ValidParts(FuzzSchema form, FuzzTarget t)
    {
        var parts = new List<Part>();
        foreach (var (name, property) in form.Properties)
        {
            if (property.Format == "binary")
            {
                parts.Add(new Part(name, "Yttrande.pdf", "application/pdf", Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")));
            }
            else if (property.Kind != "boolean")
            {
                // A boolean field left out means false: the valid request sends the file, not "avstår".
                var value = ValidValue(property, name, t);
                parts.Add(new Part(name, null, null, Encoding.UTF8.GetBytes(value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? "")));
            }
        }

        return parts;
    }

    private FuzzRequest Multipart(FuzzOperation op, FuzzTarget t, List<Part> parts, out string boundary, string? givenBoundary = null)
    {
        boundary = givenBoundary ?? $"fuzz{Next()}";
        using var ms = new MemoryStream();
        foreach (var part in parts)
        {
            var disposition = part.FileName is null ? $"form-data; name=\"{part.Name}\"" : $"form-data; name=\"{part.Name}\"; filename=\"{part.FileName}\"";
            var head = $"--{boundary}\r\nContent-Disposition: {disposition}\r\n" + (part.ContentType is null ? "" : $"Content-Type: {part.ContentType}\r\n") + "\r\n";
            ms.Write(Encoding.UTF8.GetBytes(head));
            ms.Write(part.Content);
            ms.Write("\r\n"u8);
        }

        ms.Write(Encoding.ASCII.GetBytes($"--{boundary}--\r\n"));
        return Send(op, t, ms.ToArray(), $"multipart/form-data; boundary={boundary}");
    }

    // ---- Values.

    /// <summary>A value that passes the schema and, where it can, the use case: real ids for id fields, dates ahead, unique names.</summary>
    public JsonNode? ValidJson(FuzzSchema schema, string name, FuzzTarget? t) => ValidValue(schema, name, t);

    private JsonNode? ValidValue(FuzzSchema schema, string name, FuzzTarget? t)
    {
        var lower = name.ToLowerInvariant();
        var n = Next();
        switch (schema.Kind)
        {
            case "object":
                var o = new JsonObject();
                foreach (var (property, s) in schema.Properties)
                {
                    o[property] = ValidValue(s, property, t);
                }

                return o;
            case "array":
                return new JsonArray(ValidValue(schema.Items ?? FuzzSchema.Any, lower.TrimEnd('s'), t));
            case "enum":
                return schema.EnumValues.Count == 0 ? null : schema.EnumValues[n % schema.EnumValues.Count];
            case "boolean":
                return !lower.Contains("avsta", StringComparison.Ordinal);
            case "integer" or "number":
                return lower.Contains("paragraf", StringComparison.Ordinal) ? 800 + n
                    : lower.Contains("version", StringComparison.Ordinal) && t is not null ? ids.Version(_path, name, t) ?? 1
                    : 1;
            case "string" when schema.Format == "date":
                return DateTime.UtcNow.Date.AddDays(40 + n % 20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            case "string" when schema.Format == "date-time":
                return DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);
            case "string" when schema.Format == "uuid":
                return (lower.Contains("organisation", StringComparison.Ordinal) ? ids.Organisations[n % ids.Organisations.Count]
                    : lower.Contains("handlaggare", StringComparison.Ordinal) ? ids.Handlaggare
                    : lower.Contains("sammantrade", StringComparison.Ordinal) ? ids.Sammantrade
                    : lower.Contains("remissvar", StringComparison.Ordinal) && t is not null ? t.SvarId
                    : new Guid(Bytes(16))).ToString();
            case "string":
                return lower.Contains("email", StringComparison.Ordinal) || lower.Contains("epost", StringComparison.Ordinal) ? $"fuzz{n}@example.org"
                    : lower.Contains("prefix", StringComparison.Ordinal) ? "FZ" + Letters(n)
                    : lower.Contains("password", StringComparison.Ordinal) ? "fel-losenord-" + n
                    : lower.Contains("standpunkt", StringComparison.Ordinal) ? "Tillstyrker"
                    : $"Fuzztext {n}";
            default:
                return "x";
        }
    }

    private byte[] Bytes(int count)
    {
        var b = new byte[count];
        random.NextBytes(b);
        return b;
    }

    private static string Letters(int n)
    {
        var sb = new StringBuilder();
        do
        {
            sb.Append((char)('A' + n % 26));
            n /= 26;
        }
        while (n > 0);
        return sb.ToString();
    }

    /// <summary>A fragment written into the JSON text as it is (numbers JSON cannot hold, lone surrogates, a missing property).</summary>
    private static JsonNode Raw(string json) => RawMarker + json;

    /// <summary>Sets the value at a path such as "titel" or "yrkanden[0].text" in a copy of the body.</summary>
    private static JsonNode Mutate(JsonNode body, string path, JsonNode? value)
    {
        var copy = body.DeepClone();
        JsonNode? parent = copy;
        var segments = path.Split('.');
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            var index = -1;
            if (segment.EndsWith("[0]", StringComparison.Ordinal))
            {
                segment = segment[..^3];
                index = 0;
            }

            var last = i == segments.Length - 1;
            if (parent is not JsonObject obj)
            {
                break;
            }

            if (last)
            {
                if (value is JsonValue v && v.TryGetValue<string>(out var s) && s == RawMarker + "\u0002missing")
                {
                    obj.Remove(segment);
                }
                else
                {
                    obj[segment] = value?.DeepClone();
                }

                break;
            }

            parent = index >= 0 ? (obj[segment] as JsonArray)?.FirstOrDefault() : obj[segment];
        }

        return copy;
    }

    private static FuzzRequest Json(FuzzOperation op, FuzzTarget t, JsonNode? body)
    {
        var text = body?.ToJsonString(Relaxed) ?? "null";
        // Raw fragments were carried as marked strings; put them in as they are.
        text = System.Text.RegularExpressions.Regex.Replace(text, "\"\\\\u0001raw:((?:[^\"\\\\]|\\\\.)*)\"", m => System.Text.RegularExpressions.Regex.Unescape(m.Groups[1].Value));
        return Send(op, t, Encoding.UTF8.GetBytes(text), "application/json");
    }

    private static FuzzRequest Send(FuzzOperation op, FuzzTarget t, byte[]? body, string? contentType, Dictionary<string, string>? path = null, string? query = null)
    {
        var url = op.Path;
        foreach (var p in op.Parameters.Where(p => p.In == "path"))
        {
            var value = path?.GetValueOrDefault(p.Name) ?? PathValue(op, p.Name, t);
            url = url.Replace("{" + p.Name + "}", value, StringComparison.Ordinal);
        }

        if (query is null && op.Parameters.Any(p => p is { In: "query", Name: "format" }))
        {
            query = "format=csv";
        }

        return new FuzzRequest(op.Method, query is null ? url : $"{url}?{query}", body, contentType, []);
    }

    public static string PathValue(FuzzOperation op, string name, FuzzTarget t) => name switch
    {
        "svarId" => t.SvarId.ToString(),
        "bilagaId" => t.BilagaId.ToString(),
        "trigger" => "okand",
        _ when op.Path.StartsWith("/api/arenden", StringComparison.Ordinal) => t.SvarId.ToString(),
        _ when op.Path.StartsWith("/api/organisationer", StringComparison.Ordinal) => t.OrgId.ToString(),
        _ => t.RemissId.ToString(),
    };

    public static string Short(string s)
    {
        var escaped = string.Concat(s.Take(24).Select(c => char.IsControl(c) || c is >= '\u2000' and <= '\u206F' or '\uFEFF' or '\u061C' ? $"\\u{(int)c:X4}" : c.ToString()));
        return s.Length > 24 ? $"{escaped}…({s.Length})" : escaped;
    }
}
