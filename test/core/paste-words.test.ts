/**
 * The words around a number that say whether pasted text means it as a port (src/core/paste-words.ts),
 * read on their own: how a label is keyed, which side of a connection a label puts its number on,
 * the labels of numbers that are never ports, and the word lists the readers share.
 */
import { describe, expect, it } from "vitest";
import {
  labelKey,
  labelRole,
  NON_PORT_LABELS,
  NOT_PORT_WORDS,
  PORT_LABEL_ENDINGS,
  PORT_LABELS,
  PORT_WORD_ELSEWHERE,
  PROTOCOL_WORDS,
  SOURCE_LABELS,
} from "../../src/core/paste-words.js";

describe("labelKey", () => {
  it("keys the doc comment's examples: lower case, leading dashes or slash and inner dashes taken off", () => {
    expect(labelKey("--Local-Port")).toBe("localport");
    expect(labelKey("/port")).toBe("port");
    expect(labelKey("s-port")).toBe("sport");
  });

  it("lower-cases a word with no punctuation and keeps it otherwise whole", () => {
    expect(labelKey("DestPort")).toBe("destport");
    expect(labelKey("SPT")).toBe("spt");
    expect(labelKey("ポート")).toBe("ポート");
  });

  it("takes off inner underscores and dots as well as dashes", () => {
    expect(labelKey("LDAP_PORT")).toBe("ldapport");
    expect(labelKey("port_value")).toBe("portvalue");
    expect(labelKey("ip-permission.from-port")).toBe("ippermissionfromport");
    expect(labelKey("e.g")).toBe("eg");
    expect(labelKey("Port.")).toBe("port");
  });

  it("takes off a leading run of dashes and slashes in any order, but keeps a slash inside the word", () => {
    expect(labelKey("-/Port")).toBe("port");
    expect(labelKey("/-port")).toBe("port");
    expect(labelKey("--top-ports")).toBe("topports");
    expect(labelKey("tcp/udp")).toBe("tcp/udp");
    expect(labelKey("/tcp/UDP")).toBe("tcp/udp");
  });

  it("keys a word of punctuation only as nothing", () => {
    expect(labelKey("--")).toBe("");
    expect(labelKey("/")).toBe("");
    expect(labelKey("-_.")).toBe("");
  });
});

describe("labelRole: answers kept between calls", () => {
  it("answers each word the same before and after thousands of other words fill and empty its table", () => {
    const words = ["DestPort", "timeout", "LocalPort", "weather", "SPT"];
    const first = words.map((word) => labelRole(word));
    expect(first).toEqual(["dest", "nonport", "local", undefined, "source"]);
    for (let n = 0; n < 10_000; n++) labelRole(`word${n}x`);
    expect(words.map((word) => labelRole(word))).toEqual(first);
    // the table is keyed by the word as written: the case of a word changes no answer it gives
    expect(labelRole("DESTPORT")).toBe("dest");
    expect(labelRole("destport")).toBe("dest");
  });
});

describe("labelRole: the side of the connection", () => {
  it("puts a local or remote port label on its side, in any spelling labelKey folds", () => {
    for (const word of ["LocalPort", "localport", "-LocalPort", "local_port", "Local-Port"]) {
      expect(labelRole(word), word).toBe("local");
    }
    for (const word of ["RemotePort", "remote_port", "--remote-port"]) expect(labelRole(word), word).toBe("remote");
  });

  it("puts the client's labels on the source side, `s-port` and `sport` included", () => {
    for (const word of ["SourcePort", "src_port", "SPT", "sport", "s-port", "ClientPort", "CallerPort", "IpPort"]) {
      expect(labelRole(word), word).toBe("source");
    }
  });

  it("puts the destination's labels on the destination side, `dport` before it is read as a plain port label", () => {
    for (const word of ["DPT", "dport", "dst_port", "DestPort", "DestinationPort", "--dports", "dpts"]) {
      expect(labelRole(word), word).toBe("dest");
    }
  });

  it("reads the other port labels, in English and other languages, as plain", () => {
    for (const word of ["Port", "--port", "/port", "ports", "PortNumber", "ToPort", "containerPort", "htons", "listen"]) {
      expect(labelRole(word), word).toBe("plain");
    }
    for (const word of ["puerto", "porta", "порт", "ポート", "端口", "連接埠", "포트"])
      expect(labelRole(word), word).toBe("plain");
  });

  it("gives every port label of the list a side, and no label of the list is read as a number that is no port", () => {
    for (const word of PORT_LABELS) expect(["plain", "local", "remote", "dest"], word).toContain(labelRole(word));
    for (const word of SOURCE_LABELS) expect(labelRole(word), word).toBe("source");
  });
});

describe("labelRole: labels of numbers that are never ports", () => {
  it("reads the listed labels as no port, in any case and with dashes", () => {
    for (const word of ["timeout", "Timeout", "line", "EventID", "Event-ID", "PID", "--top-ports", "exit_code", "TTL"]) {
      expect(labelRole(word), word).toBe("nonport");
    }
  });

  it("reads every label of the list as no port", () => {
    for (const word of NON_PORT_LABELS) expect(labelRole(word), word).toBe("nonport");
  });

  it("reads a label that ends in a quantity as no port: `NetworkDelayms`, `ConnectTimeoutSec`, `dhcp-option`", () => {
    for (const word of ["NetworkDelayms", "RetryIntervalSeconds", "BufferSizeBytes", "LogLevel", "dhcp-option", "SessionLimit"]) {
      expect(labelRole(word), word).toBe("nonport");
    }
  });

  it("needs three characters before a quantity ending: `maxkb` is a quantity, `ipsec` is no `sec`", () => {
    // "kb" + 3 letters, "level" + 3 letters: just long enough
    expect(labelRole("maxkb")).toBe("nonport");
    expect(labelRole("loglevel")).toBe("nonport");
    // "sec" with two letters before it, "ms" with one: too short to be a quantity's name
    expect(labelRole("ipsec")).toBeUndefined();
    expect(labelRole("rms")).toBeUndefined();
  });
});

describe("labelRole: identifiers that end or start like a port label", () => {
  it("reads an identifier that ends in a port word as a plain port label", () => {
    for (const word of ["ExternalPort", "LDAP_PORT", "localPortNumber", "AdminPortNo", "metrics_port_value", "ExtraPorts"]) {
      expect(labelRole(word), word).toBe("plain");
    }
  });

  it("reads no word that only ends in `port` (`Transport`, `Support`) as a label, with any port ending", () => {
    for (const word of ["Transport", "-Transport", "Support", "Teleport", "Passport", "Viewport", "Transports", "sports"]) {
      expect(labelRole(word), word).toBeUndefined();
    }
    expect(labelRole("SupportNumber")).toBeUndefined();
    expect(labelRole("ImportNo")).toBeUndefined();
  });

  it("reads every word of the not-port list as no label, but `sport`, a source label", () => {
    for (const word of NOT_PORT_WORDS) expect(labelRole(word), word).toBe(word === "sport" ? "source" : undefined);
  });

  it("reads no word that only starts with `port` as a label", () => {
    expect(labelRole("Portal")).toBeUndefined();
    expect(labelRole("portable")).toBeUndefined();
    expect(labelRole("Portugal")).toBeUndefined();
  });

  it("reads strongSwan's `port_nat_t` and `port_https` as port labels, a switch's `port_channel` and `port_security` not", () => {
    expect(labelRole("port_nat_t")).toBe("plain");
    expect(labelRole("port_https")).toBe("plain");
    expect(labelRole("ports_allowed")).toBe("plain");
    expect(labelRole("port_channel")).toBeUndefined();
    expect(labelRole("port_security_violation")).toBeUndefined();
    expect(labelRole("port_speed")).toBeUndefined();
  });

  it("has every port ending as its own label, so an ending alone is read by the label list", () => {
    for (const ending of PORT_LABEL_ENDINGS) expect(PORT_LABELS.has(ending), ending).toBe(true);
  });
});

describe("labelRole: words it does not read", () => {
  it("gives no role to words that are no label", () => {
    for (const word of ["host", "tcp", "allow", "server01", "listener"]) expect(labelRole(word), word).toBeUndefined();
  });

  it("reads words of up to 40 characters, no longer", () => {
    const forty = `${"a".repeat(36)}Port`;
    expect(forty).toHaveLength(40);
    expect(labelRole(forty)).toBe("plain");
    expect(labelRole(`a${forty}`)).toBeUndefined();
  });

  it("gives no role to an empty word or one with no letter", () => {
    expect(labelRole("")).toBeUndefined();
    expect(labelRole("--")).toBeUndefined();
    expect(labelRole("3389")).toBeUndefined();
  });
});

describe("the shared word lists", () => {
  it("maps netstat's and ss's protocol words to their transport", () => {
    expect(PROTOCOL_WORDS).toEqual(
      new Map([
        ["tcp", "TCP"],
        ["tcpv6", "TCP"],
        ["tcp6", "TCP"],
        ["tcp4", "TCP"],
        ["udp", "UDP"],
        ["udpv6", "UDP"],
        ["udp6", "UDP"],
        ["udp4", "UDP"],
      ]),
    );
    expect(PROTOCOL_WORDS.get("icmp")).toBeUndefined();
  });

  it("finds the word port in Chinese, Japanese, Korean and Russian, never inside another word", () => {
    const port = new RegExp(PORT_WORD_ELSEWHERE, "iu");
    for (const text of ["端口 3389", "連接埠 80", "通訊埠", "ポート番号", "포트 22", "порт 445", "Порт"]) {
      expect(port.test(text), text).toBe(true);
    }
    for (const text of ["レポート", "サポート", "パスポート", "インポート"]) expect(port.test(text), text).toBe(false);
    for (const text of ["리포트", "서포트", "Экспорт", "Транспорт"]) expect(port.test(text), text).toBe(false);
  });
});
