using System.Diagnostics;
using System.Text;

namespace SpecializedTowns.Web.Tests.ScaleOut;

/// <summary>
/// Debian's nginx as a child process (not the system service): a round-robin upstream of the given backends on a free
/// loopback port, with its pid, logs and temporary files in a folder of its own.
/// </summary>
public sealed class Nginx : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;
    private readonly StringBuilder _output = new();

    public int Port { get; }
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public static string? Unavailable => Binary() is null ? "未找到 nginx（apt-get install nginx）" : null;

    private Nginx(Process process, string folder, int port) => (_process, _folder, Port) = (process, folder, port);

    private static string? Binary() => new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists);

    public static async Task<Nginx> StartAsync(IEnumerable<int> backendPorts)
    {
        var binary = Binary() ?? throw new InvalidOperationException(Unavailable);
        var folder = Path.Combine(Path.GetTempPath(), $"st-nginx-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var port = WebProcess.FreePort();
        var servers = string.Concat(backendPorts.Select(p => $"        server 127.0.0.1:{p} max_fails=0;\n"));
        var conf = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(conf, $$"""
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 256; }
            http {
                access_log {{folder}}/access.log;
                client_body_temp_path {{folder}}/client_body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                client_max_body_size 50m;
                upstream platform {
            {{servers}}        keepalive 16;
                }
                server {
                    listen 127.0.0.1:{{port}};
                    location / {
                        proxy_pass http://platform;
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                        proxy_set_header Host $host:$server_port;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto $scheme;
                    }
                }
            }
            """);
        var info = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // -p: relative paths (and the compiled-in defaults nginx checks at start) under our folder, not /var/lib/nginx.
        foreach (var a in new[] { "-p", folder + "/", "-c", conf, "-e", Path.Combine(folder, "error.log"), "-g", "daemon off;" }) info.ArgumentList.Add(a);
        var process = new Process { StartInfo = info };
        var nginx = new Nginx(process, folder, port);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (nginx._output) nginx._output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (nginx._output) nginx._output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var probe = new System.Net.Sockets.TcpClient();
        for (var i = 0; i < 50; i++)
        {
            if (process.HasExited) throw new InvalidOperationException($"nginx exited ({process.ExitCode}): {nginx._output}");
            try
            {
                using var c = new System.Net.Sockets.TcpClient();
                await c.ConnectAsync("127.0.0.1", port);
                return nginx;
            }
            catch (System.Net.Sockets.SocketException) { await Task.Delay(100); }
        }
        throw new TimeoutException($"nginx did not listen on {port}: {nginx._output}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (Exception) { }
        _process.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (Exception) { }
    }
}
