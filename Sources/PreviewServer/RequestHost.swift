/// The `Host` header of a request, checked against the names the preview answers to.
///
/// A web page on any site can point a domain name of its own at 127.0.0.1 (DNS
/// rebinding) and then read the preview through it; such requests carry that name in
/// `Host`. So the preview answers only requests that name it by an address, never by
/// another domain name: `localhost`, `127.0.0.1`, `[::1]`, the address given with
/// `--host`, or the address of this computer that the connection arrived at (how
/// another computer reaches it once `--host` opened the preview to the network),
/// always with the port the connection arrived at (no port means 80).
enum RequestHost {
    enum Verdict: Equatable {
        /// The preview's own address as the request names it: `http://localhost:8000`.
        case origin(String)
        /// No `Host` header, or one that is not a host and port.
        case missing
        /// A name the preview does not answer to.
        case foreign
    }

    /// `ip` and `port` are where the connection arrived: this computer's end of it.
    static func check(_ header: String?, arrivedAt ip: String?, port: Int?, listeningHost: String) -> Verdict {
        guard let header, let (name, named) = split(header.lowercased()) else { return .missing }
        guard let port, (named ?? 80) == port else { return .foreign }
        var names: Set<String> = ["localhost", "127.0.0.1", "[::1]", bracketed(listeningHost.lowercased())]
        if let ip {
            // A dual-stack socket shows an IPv4 client's address as ::ffff:192.168.1.5.
            let mappedPrefix = "::ffff:"
            names.insert(bracketed(ip.hasPrefix(mappedPrefix) && ip.contains(".") ? String(ip.dropFirst(mappedPrefix.count)) : ip))
        }
        guard names.contains(name) else { return .foreign }
        return .origin("http://" + name + (named.map { ":\($0)" } ?? ""))
    }

    /// The name (IPv6 addresses keep their brackets) and the port, if one is given;
    /// nil unless the header looks like a host and port.
    private static func split(_ header: String) -> (name: String, port: Int?)? {
        var name = Substring(header)
        var port: Substring?
        if header.hasPrefix("[") {
            guard let close = header.firstIndex(of: "]") else { return nil }
            name = header[...close]
            let rest = header[header.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { return nil }
                port = rest.dropFirst()
            }
        } else if let colon = header.firstIndex(of: ":") {
            name = header[..<colon]
            port = header[header.index(after: colon)...]
        }
        guard !name.isEmpty, name.allSatisfy(nameCharacters.contains) else { return nil }
        guard let port else { return (String(name), nil) }
        guard (1...5).contains(port.count), port.allSatisfy({ ("0"..."9").contains($0) }), let number = Int(port) else { return nil }
        return (String(name), number)
    }

    private static func bracketed(_ address: String) -> String {
        address.contains(":") && !address.hasPrefix("[") ? "[\(address)]" : address
    }

    private static let nameCharacters = Set("abcdefghijklmnopqrstuvwxyz0123456789.-:[]")
}
