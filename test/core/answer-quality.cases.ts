/**
 * Questions as operations people ask them, with the rules that must come first, must appear or
 * must not appear. When a case fails, fix the engine, not the case.
 */
import type { NoticeKind } from "../../src/core/index.js";

export interface QualityCase {
  readonly ask: string;
  /** Who asks it, for the test's name. */
  readonly who: "incident" | "pasted" | "security" | "migration" | "ops" | "typo" | "leftover" | "nonsense";
  /** These ids, in any order, are the first results. */
  readonly first?: readonly string[];
  readonly includes?: readonly string[];
  readonly excludes?: readonly string[];
  /**
   * At most this many results: more would bury the answer in noise. Every case with results
   * states one, so a looser search fails here and not in front of someone in an incident.
   */
  readonly atMost?: number;
  /** No results, with a notice of this kind. */
  readonly nothing?: NoticeKind;
}

const G16 = "2016-2019-2022";
const G12 = "2012-2012r2";
const WINRM = "windows-remote-management-http-in.2012-2012r2-2016-2019-2022";
const WINRM_2008 = "windows-remote-management-http-in.2008r2-2008sp2";
const RDP_TCP = "remote-desktop-user-mode-tcp-in.2012r2-2016-2019-2022";
const RDP_UDP = "remote-desktop-user-mode-udp-in.2012r2-2016-2019-2022";
const RDP_TCP_2012 = "remote-desktop-user-mode-tcp-in.2012";
const RDP_UDP_2012 = "remote-desktop-user-mode-udp-in.2012";
const RDP_SHADOW = "remote-desktop-shadow-tcp-in.2012r2-2016-2019-2022";
const SMB_IN = `file-and-printer-sharing-smb-in.${G12}`;
const SMB_OUT = `file-and-printer-sharing-smb-out.${G12}`;
const FSRM_SMB = `file-server-remote-management-smb-in.${G12}`;
const FSRM_DCOM = `file-server-remote-management-dcom-in.${G12}`;
const DFS = (kind: string) => `dfs-management-${kind}-in.os-unstated`;
const NP_OUT = (g: string) => `core-networking-group-policy-np-out.${g}`;
const DNS = (g: string) => `core-networking-dns-udp-out.${g}`;
const DHCP = (dir: string, g: string) => `dynamic-host-configuration-protocol-dhcp-${dir}.${g}`;
const DHCP6 = (dir: string, g: string) => `dynamic-host-configuration-protocol-for-ipv6-dhcpv6-${dir}.${g}`;
const CUET = "connected-user-experiences-and-telemetry.2019-2022";
const CUET_2016 = "connected-user-experiences-and-telemetry.2016";
const NB = (kind: string, dir: string) => `file-and-printer-sharing-nb-${kind}-${dir}.${G12}`;
const ECHO = (v: string, dir: string) => `file-and-printer-sharing-echo-request-icmp${v}-${dir}.${G12}`;
const ALL_ICMP4 = `all-icmp-v4.${G12}`;
const LLMNR = (dir: string) => `file-and-printer-sharing-llmnr-udp-${dir}.${G12}`;
const SPOOLER_RPC = `file-and-printer-sharing-spooler-service-rpc.${G12}`;
const SPOOLER_EPMAP = `file-and-printer-sharing-spooler-service-rpc-epmap.${G12}`;
const WMI = `wmi-in.${G12}`;
const FW_RPC = "windows-firewall-remote-management-rpc.2012r2";
const FW_EPMAP = "windows-firewall-remote-management-rpc-epmap.2012r2";
const MDNS_IN = "mdns-udp-in.2019-2022";
const MDNS_OUT = "mdns-udp-out.2019-2022";
const MDNS_IN_2016 = "mdns-udp-in.2016";
const MDNS_OUT_2016 = "mdns-udp-out.2016";
const EDGE_MDNS = "microsoft-edge-mdns-in.2022";
const IPHTTPS = (dir: string, g: string) => `core-networking-iphttps-tcp-${dir}.${g}`;
const TEREDO = (dir: string, g: string) => `core-networking-teredo-udp-${dir}.${g}`;
const IPV6 = (dir: string, g: string) => `ipv6-ipv6-${dir}.${g}`;
const GP = (kind: string, g: string) => `core-networking-group-policy-${kind}-out.${g}`;
const DO_TCP = "deliveryoptimization-tcp-in.2019-2022";
const DO_UDP = "deliveryoptimization-udp-in.2019-2022";
const CAST = (name: string) => `cast-to-device-${name}.${G16}`;
const QWAVE = (p: string, dir: string) => CAST(`functionality-qwave-${p}-${dir}`);
const RTSP = CAST("streaming-server-rtsp-streaming-in");
const MMF_TCP = "microsoft-media-foundation-network-source-in-tcp-554.2022";
const MMF_UDP = "microsoft-media-foundation-network-source-in-udp-5004-5009.2022";
const MMF_OUT = "microsoft-media-foundation-network-source-out-tcp-all.2022";
const ALLJOYN = (p: string, dir: string) => `alljoyn-router-${p}-${dir}.${G16}`;
const DIAL = `dial-protocol-server-http-in.${G16}`;
const WDM = (name: string, v: string) => `windows-device-management-${name}-tcp-out.${v}`;
const ICMP6 = (name: string, dir: string, g: string) => `${name}-icmpv6-${dir}.${g}`;

export const QUALITY_CASES: readonly QualityCase[] = [
  // Incident responders: a port, "is X open"
  { who: "incident", ask: "5985", atMost: 2, first: [WINRM, WINRM_2008] },
  { who: "incident", ask: "is 5985 open on 2008 r2", atMost: 1, first: [WINRM_2008], excludes: [WINRM] },
  { who: "incident", ask: "/amiport 5985-5986", atMost: 2, first: [WINRM, WINRM_2008] },
  { who: "incident", ask: "3389", atMost: 4, first: [RDP_TCP, RDP_UDP, RDP_TCP_2012, RDP_UDP_2012] },
  { who: "incident", ask: "is 3389 open on 2012", atMost: 2, first: [RDP_TCP_2012, RDP_UDP_2012], excludes: [RDP_TCP, RDP_UDP] },
  { who: "incident", ask: "is rdp udp open on ws2019", atMost: 1, first: [RDP_UDP], excludes: [RDP_TCP, RDP_UDP_2012] },
  { who: "incident", ask: "3389/udp on 2019", atMost: 1, first: [RDP_UDP], excludes: [RDP_TCP] },
  { who: "incident", ask: "445", atMost: 6, includes: [SMB_IN, SMB_OUT, FSRM_SMB, DFS("smb"), NP_OUT(G16), NP_OUT(G12)] },
  {
    who: "incident",
    ask: "port 445 inbound on 2012 r2",
    atMost: 2,
    first: [SMB_IN, FSRM_SMB],
    excludes: [NP_OUT(G12), SMB_OUT, DFS("smb")],
  },
  { who: "incident", ask: "135", atMost: 4, first: [FSRM_DCOM, DFS("dcom")], includes: [SPOOLER_EPMAP, FW_EPMAP] },
  { who: "incident", ask: "what listens on 53", atMost: 2, first: [DNS(G16), DNS(G12)] },
  {
    who: "incident",
    ask: "what uses udp 67",
    atMost: 4,
    includes: [DHCP("in", G16), DHCP("out", G12)],
    excludes: [ICMP6("destination-unreachable", "in", G12)],
  },
  {
    who: "incident",
    ask: "68",
    atMost: 4,
    first: [DHCP("in", G16), DHCP("out", G16), DHCP("in", G12), DHCP("out", G12)],
    excludes: [ICMP6("multicast-listener-done", "in", G12), `internet-group-management-protocol-igmp-in.${G12}`],
  },
  {
    who: "incident",
    ask: "5355",
    atMost: 2,
    first: [LLMNR("in"), LLMNR("out")],
    excludes: [ECHO("v4", "in"), ECHO("v6", "out")],
  },
  { who: "incident", ask: "139", atMost: 2, first: [NB("session", "in"), NB("session", "out")], excludes: [ALL_ICMP4] },
  {
    who: "incident",
    ask: "137,138,139",
    atMost: 6,
    includes: [
      NB("name", "in"),
      NB("name", "out"),
      NB("datagram", "in"),
      NB("datagram", "out"),
      NB("session", "in"),
      NB("session", "out"),
    ],
  },
  { who: "incident", ask: "5353", atMost: 5, first: [MDNS_IN, MDNS_OUT, EDGE_MDNS, MDNS_OUT_2016], includes: [MDNS_IN_2016] },
  {
    who: "incident",
    ask: "443",
    atMost: 6,
    first: [CUET, WDM("device-enroller", "2022")],
    includes: [IPHTTPS("in", G16), IPHTTPS("out", G12)],
  },
  {
    who: "incident",
    ask: "tcp 443 outbound 2022",
    atMost: 3,
    first: [CUET, WDM("device-enroller", "2022")],
    includes: [IPHTTPS("out", G16)],
    excludes: [IPHTTPS("in", G16)],
  },
  { who: "incident", ask: "7680", atMost: 2, first: [DO_TCP, DO_UDP] },
  { who: "incident", ask: "9955", atMost: 1, first: [ALLJOYN("tcp", "in")] },
  {
    who: "incident",
    ask: "2177",
    atMost: 4,
    first: [QWAVE("tcp", "in"), QWAVE("tcp", "out"), QWAVE("udp", "in"), QWAVE("udp", "out")],
  },
  { who: "incident", ask: "10246", atMost: 1, first: [CAST("streaming-server-http-streaming-in")] },
  { who: "incident", ask: "10247", atMost: 1, first: [DIAL] },
  { who: "incident", ask: "2869", atMost: 1, first: [CAST("upnp-events-tcp-in")] },
  { who: "incident", ask: "23555", atMost: 1, first: [RTSP] },
  { who: "incident", ask: "tcp 23554-23556", atMost: 1, first: [RTSP] },
  { who: "incident", ask: "554", atMost: 2, first: [MMF_TCP, MMF_OUT] },
  { who: "incident", ask: "8556 outbound", atMost: 1, first: [MMF_OUT], excludes: [MMF_TCP] },
  { who: "incident", ask: "5004", atMost: 1, first: [MMF_UDP] },
  { who: "incident", ask: "546", atMost: 4, first: [DHCP6("in", G16), DHCP6("out", G16), DHCP6("in", G12), DHCP6("out", G12)] },
  { who: "incident", ask: "1900", atMost: 1, includes: [CAST("ssdp-discovery-udp-in")] },
  { who: "incident", ask: "50000", atMost: 5, includes: [WMI, SPOOLER_RPC, FW_RPC, DFS("tcp")] },
  {
    who: "incident",
    ask: "is tcp 49152-65535 needed on 2012 r2",
    atMost: 3,
    includes: [WMI, FW_RPC, SPOOLER_RPC],
    excludes: [DFS("tcp")],
  },
  { who: "incident", ask: "8080", nothing: "no-match" },
  { who: "incident", ask: "is port 22 open", nothing: "no-match" },
  { who: "incident", ask: "port 70000", nothing: "bad-port" },
  { who: "incident", ask: "5985 udp", nothing: "filtered-out" },

  // Security reviewers: everything of a kind
  {
    who: "security",
    ask: "all inbound udp on 2022",
    atMost: 12,
    includes: [ALLJOYN("udp", "in"), DHCP("in", G16), RDP_UDP, DO_UDP, MMF_UDP],
    excludes: [RDP_TCP, DNS(G16), DHCP("out", G16)],
  },
  {
    who: "security",
    ask: "outbound tcp on 2019",
    atMost: 11,
    includes: [CUET, NP_OUT(G16), GP("lsass", G16), WDM("sync-client", "2019")],
    excludes: [RDP_TCP, WDM("sync-client", "2022")],
  },
  {
    who: "security",
    ask: "icmp 2016",
    atMost: 24,
    includes: [ICMP6("destination-unreachable", "in", G16), `destination-unreachable-fragmentation-needed-icmpv4-in.${G16}`],
    excludes: [ECHO("v4", "in"), ICMP6("destination-unreachable", "in", G12)],
  },
  {
    who: "security",
    ask: "icmpv4 inbound 2012",
    atMost: 3,
    includes: [ECHO("v4", "in"), ALL_ICMP4, `destination-unreachable-fragmentation-needed-icmpv4-in.${G12}`],
    excludes: [ECHO("v6", "in"), ECHO("v4", "out")],
  },
  {
    who: "security",
    ask: "igmp",
    atMost: 4,
    first: [
      `internet-group-management-protocol-igmp-in.${G16}`,
      `core-networking-internet-group-management-protocol-igmp-out.${G16}`,
      `internet-group-management-protocol-igmp-in.${G12}`,
      `core-networking-internet-group-management-protocol-igmp-out.${G12}`,
    ],
  },
  {
    who: "security",
    ask: "protocol 41",
    atMost: 4,
    first: [IPV6("in", G16), IPV6("out", G16), IPV6("in", G12), IPV6("out", G12)],
  },
  {
    who: "security",
    ask: "which rules on 2012 r2 use rpc",
    atMost: 6,
    includes: [SPOOLER_RPC, WMI, FW_RPC],
    excludes: [DFS("tcp"), RDP_TCP],
  },
  { who: "security", ask: "what is allowed inbound on 2008 r2", atMost: 1, first: [WINRM_2008] },
  {
    who: "security",
    ask: "outbound to 443 on 2016",
    atMost: 1,
    includes: [IPHTTPS("out", G16)],
    excludes: [CUET, IPHTTPS("in", G16)],
  },
  { who: "security", ask: "inbound tcp any port on 2022 dcom", nothing: "filtered-out" },

  // Migrating from 2012 R2 to 2022
  {
    who: "migration",
    ask: "rdp on 2012 r2 and 2022",
    atMost: 3,
    includes: [RDP_TCP, RDP_UDP, RDP_SHADOW],
    excludes: [RDP_TCP_2012],
  },
  { who: "migration", ask: "winrm 2012 r2 vs 2022", atMost: 1, first: [WINRM], excludes: [WINRM_2008] },
  { who: "migration", ask: "smb on windows server 2022", atMost: 1, first: [NP_OUT(G16)], excludes: [SMB_IN, NP_OUT(G12)] },
  {
    who: "migration",
    ask: "what does 2022 need for device management",
    atMost: 4,
    includes: [WDM("device-enroller", "2022"), WDM("sync-client", "2022")],
    excludes: [WDM("sync-client", "2019")],
  },
  { who: "migration", ask: "delivery optimization on 2012 r2", nothing: "filtered-out" },
  { who: "migration", ask: "telemetry 2016", atMost: 1, first: [CUET_2016], excludes: [CUET] },
  { who: "migration", ask: "mdns on 2016", atMost: 2, first: [MDNS_IN_2016, MDNS_OUT_2016], excludes: [MDNS_IN] },
  { who: "migration", ask: "print spooler on 2022", nothing: "filtered-out" },
  { who: "migration", ask: "firewall remote management 2012 r2", atMost: 2, first: [FW_RPC, FW_EPMAP] },
  {
    who: "migration",
    ask: "moving from 2012r2 to 2022, what about group policy",
    atMost: 6,
    includes: [GP("np", G16), GP("np", G12), GP("lsass", G12)],
  },

  // Ops words
  { who: "ops", ask: "what does Windows 2019 need for telemetry", atMost: 1, first: [CUET], excludes: [CUET_2016] },
  {
    who: "ops",
    ask: "which ports does RDP use on server 2012",
    atMost: 2,
    first: [RDP_TCP_2012, RDP_UDP_2012],
    excludes: [RDP_TCP],
  },
  { who: "ops", ask: "ps remoting", atMost: 2, first: [WINRM, WINRM_2008] },
  { who: "ops", ask: "winrm", atMost: 2, first: [WINRM, WINRM_2008] },
  {
    who: "ops",
    ask: "ping",
    atMost: 5,
    first: [ECHO("v4", "in"), ECHO("v4", "out"), ECHO("v6", "in"), ECHO("v6", "out")],
    includes: [ALL_ICMP4],
  },
  { who: "ops", ask: "can I ping a 2012 r2 box", atMost: 5, includes: [ECHO("v4", "in"), ALL_ICMP4] },
  { who: "ops", ask: "smb", atMost: 6, first: [SMB_IN, SMB_OUT, FSRM_SMB, DFS("smb")], includes: [NP_OUT(G16)] },
  { who: "ops", ask: "cifs", atMost: 4, includes: [SMB_IN, SMB_OUT] },
  {
    who: "ops",
    ask: "netbios",
    atMost: 6,
    first: [
      NB("name", "in"),
      NB("name", "out"),
      NB("datagram", "in"),
      NB("datagram", "out"),
      NB("session", "in"),
      NB("session", "out"),
    ],
  },
  { who: "ops", ask: "dns", atMost: 2, first: [DNS(G16), DNS(G12)], excludes: [MDNS_OUT, MDNS_IN] },
  { who: "ops", ask: "dhcp", atMost: 8, includes: [DHCP("in", G16), DHCP("out", G12), DHCP6("in", G16)] },
  {
    who: "ops",
    ask: "group policy",
    atMost: 6,
    first: [GP("lsass", G16), GP("np", G16), GP("tcp", G16), GP("lsass", G12), GP("np", G12), GP("tcp", G12)],
  },
  {
    who: "ops",
    ask: "chromecast",
    atMost: 10,
    includes: [RTSP, QWAVE("tcp", "in"), CAST("ssdp-discovery-udp-in")],
    excludes: [WINRM],
  },
  { who: "ops", ask: "ipv6 tunnel", atMost: 12, includes: [TEREDO("in", G16), IPV6("in", G12), IPHTTPS("in", G16)] },
  { who: "ops", ask: "llmnr", atMost: 2, first: [LLMNR("in"), LLMNR("out")] },
  { who: "ops", ask: "wmi", atMost: 2, includes: [WMI, DFS("wmi")] },
  { who: "ops", ask: "dcom", atMost: 2, includes: [FSRM_DCOM, DFS("dcom")] },
  { who: "ops", ask: "spooler", atMost: 2, first: [SPOOLER_RPC, SPOOLER_EPMAP] },
  { who: "ops", ask: "printer", atMost: 16, first: [SPOOLER_RPC, SPOOLER_EPMAP] },
  { who: "ops", ask: "dfs", atMost: 4, first: [DFS("tcp"), DFS("dcom"), DFS("wmi"), DFS("smb")] },
  { who: "ops", ask: "windows update delivery optimisation", atMost: 2, first: [DO_TCP, DO_UDP] },
  {
    who: "ops",
    ask: "intune enrollment 2019",
    atMost: 4,
    includes: [WDM("enrollment-service", "2019"), "windows-enrollment-winrt-tcp-out.2019"],
    excludes: [WDM("enrollment-service", "2022")],
  },
  { who: "ops", ask: "edge", atMost: 1, first: [EDGE_MDNS] },
  {
    who: "ops",
    ask: "neighbor discovery on 2019",
    atMost: 8,
    includes: [ICMP6("neighbor-discovery-advertisement", "in", G16), ICMP6("neighbor-discovery-solicitation", "out", G16)],
    excludes: [ICMP6("neighbor-discovery-advertisement", "in", G12)],
  },
  {
    who: "ops",
    ask: "path mtu",
    atMost: 6,
    includes: [ICMP6("packet-too-big", "in", G16), `destination-unreachable-fragmentation-needed-icmpv4-in.${G16}`],
  },
  { who: "ops", ask: "traceroute", atMost: 8, includes: [ICMP6("time-exceeded", "in", G16)] },
  {
    who: "ops",
    ask: "alljoyn",
    atMost: 4,
    first: [ALLJOYN("tcp", "in"), ALLJOYN("tcp", "out"), ALLJOYN("udp", "in"), ALLJOYN("udp", "out")],
  },
  { who: "ops", ask: "media foundation rtsp", atMost: 3, includes: [MMF_TCP] },
  { who: "ops", ask: "file and printer sharing smb", atMost: 2, first: [SMB_IN, SMB_OUT] },
  { who: "ops", ask: "remote desktop shadow", atMost: 1, first: [RDP_SHADOW] },
  { who: "ops", ask: "Core Networking - DNS (UDP-Out)", atMost: 2, first: [DNS(G16), DNS(G12)] },
  { who: "ops", ask: "Windows Remote Management (HTTP-In)", atMost: 2, first: [WINRM, WINRM_2008] },
  { who: "ops", ask: "teredo", atMost: 4, first: [TEREDO("in", G16), TEREDO("out", G16), TEREDO("in", G12), TEREDO("out", G12)] },
  { who: "ops", ask: "dial protocol server", atMost: 1, first: [DIAL] },
  {
    who: "ops",
    ask: "IPHTTPS",
    atMost: 4,
    first: [IPHTTPS("in", G16), IPHTTPS("out", G16), IPHTTPS("in", G12), IPHTTPS("out", G12)],
  },

  // Typos
  { who: "typo", ask: "remot desktp", atMost: 5, first: [RDP_SHADOW, RDP_TCP, RDP_UDP, RDP_TCP_2012, RDP_UDP_2012] },
  { who: "typo", ask: "telemtry", atMost: 2, first: [CUET, CUET_2016] },
  { who: "typo", ask: "windws remte managment 2016", atMost: 1, first: [WINRM] },
  { who: "typo", ask: "netbois", atMost: 6, includes: [NB("session", "in")] },
  { who: "typo", ask: "spoolr", atMost: 2, first: [SPOOLER_RPC, SPOOLER_EPMAP] },
  { who: "typo", ask: "delivry optimizaton", atMost: 2, first: [DO_TCP, DO_UDP] },

  // Pasted text: log lines, alarms, netstat, Test-NetConnection, security-group rules
  {
    who: "pasted",
    atMost: 4,
    ask: "2026-11-27T01:02:03.456Z WARN rdp session to 10.0.1.25 on port 3389 timed out; user logged in then fell over",
    first: [RDP_TCP, RDP_UDP, RDP_TCP_2012, RDP_UDP_2012],
  },
  {
    who: "pasted",
    atMost: 2,
    ask: "ComputerName     : web01\nRemoteAddress    : 10.0.1.25\nRemotePort       : 5985\nTcpTestSucceeded : False",
    first: [WINRM, WINRM_2008],
  },
  {
    who: "pasted",
    atMost: 6,
    ask: "  TCP    0.0.0.0:445            0.0.0.0:0              LISTENING",
    includes: [SMB_IN, FSRM_SMB, DFS("smb")],
  },
  {
    who: "pasted",
    atMost: 2,
    ask: "allow udp 3389 from 192.168.10.0/24",
    first: [RDP_UDP, RDP_UDP_2012],
    excludes: [RDP_TCP, RDP_TCP_2012],
  },
  {
    who: "pasted",
    atMost: 6,
    ask: "WARN copy to \\\\fs01 via 10.0.0.5:445 timed out, checked out again",
    includes: [SMB_IN, SMB_OUT, NP_OUT(G16)],
  },
  { who: "pasted", atMost: 2, ask: "GET http://web01:5985/wsman -> 500 Internal Server Error", first: [WINRM, WINRM_2008] },
  {
    who: "pasted",
    atMost: 2,
    ask: "EC2 i-0abc1234def567890 (Windows Server 2012 R2) alarm: RDP to 10.0.1.25:3389 refused",
    first: [RDP_TCP, RDP_UDP],
    excludes: [RDP_TCP_2012, RDP_UDP_2012],
  },
  {
    who: "pasted",
    atMost: 1,
    ask: "Test-NetConnection -ComputerName web01 -Port 23555\nWARNING: TCP connect to 10.0.1.25:23555 failed",
    first: [RTSP],
  },
  {
    who: "pasted",
    atMost: 4,
    ask: "Found in the message: 10.0.1.25:5986, port 3389",
    first: [RDP_TCP, RDP_UDP, RDP_TCP_2012, RDP_UDP_2012],
  },
  {
    who: "pasted",
    atMost: 2,
    ask: "Nov 27 01:02:03 fw01 kernel: DROP IN=eth0 SRC=203.0.113.9 DST=10.0.0.5 PROTO=TCP SPT=51515 DPT=5985",
    first: [WINRM, WINRM_2008],
  },
  {
    who: "pasted",
    atMost: 2,
    ask: "2026-11-27 ERROR WinRM cannot complete the operation on web01 (10.0.0.4)",
    first: [WINRM, WINRM_2008],
  },
  { who: "pasted", ask: "request 3f2504e0-4f89-11d3-9a0c-0305e82c3301 to 10.0.1.25:5986 failed after 30s", nothing: "no-match" },

  // Leftover words and several-word questions
  {
    who: "leftover",
    atMost: 12,
    ask: "inbound udp on 2022 currently",
    includes: [ALLJOYN("udp", "in"), RDP_UDP, DO_UDP, MMF_UDP],
    excludes: [RDP_TCP, DNS(G16)],
  },
  { who: "leftover", atMost: 1, ask: "which rules does winrm use currently on 2019", first: [WINRM], excludes: [WINRM_2008] },
  { who: "leftover", atMost: 5, ask: "rdp exactly", first: [RDP_TCP, RDP_UDP, RDP_TCP_2012, RDP_UDP_2012] },
  { who: "leftover", atMost: 2, ask: "dns via udp", first: [DNS(G16), DNS(G12)] },
  { who: "leftover", atMost: 1, ask: "exactly what does telemetry need on 2016 currently", first: [CUET_2016], excludes: [CUET] },
  { who: "leftover", atMost: 14, ask: "remote desktop and dns", first: [RDP_TCP, RDP_UDP], includes: [DNS(G16), DNS(G12)] },
  { who: "leftover", atMost: 12, ask: "smb netbios", includes: [SMB_IN, NB("session", "in"), NB("name", "out")] },
  { who: "leftover", atMost: 1, ask: "remote desktop shadow session", first: [RDP_SHADOW] },

  // Typos of short service words, and real words that are not typos
  { who: "typo", atMost: 6, ask: "smv", first: [SMB_IN, SMB_OUT, FSRM_SMB, DFS("smb")] },
  { who: "typo", atMost: 2, ask: "wmo", includes: [WMI, DFS("wmi")] },
  { who: "typo", atMost: 8, ask: "dhpc", includes: [DHCP("in", G16), DHCP("out", G12)] },
  { who: "typo", atMost: 2, ask: "wirnm", first: [WINRM, WINRM_2008] },
  { who: "typo", atMost: 2, ask: "mdsn on 2016", first: [MDNS_IN_2016, MDNS_OUT_2016] },
  // rdp and rpc are both one edit from it: amiport does not guess
  { who: "typo", ask: "rpd", nothing: "no-match" },
  { who: "typo", atMost: 2, ask: "llmrn", first: [LLMNR("in"), LLMNR("out")] },
  { who: "typo", ask: "pink", nothing: "no-match" },
  { who: "typo", ask: "sob", nothing: "no-match" },
  { who: "typo", ask: "rip", nothing: "no-match" },

  // Nonsense and out of scope
  { who: "nonsense", ask: "kerberos", nothing: "no-match" },
  { who: "nonsense", ask: "banana bread", nothing: "no-match" },
  { who: "nonsense", ask: "", nothing: "empty" },
  { who: "nonsense", ask: "what is open", nothing: "empty" },
  { who: "nonsense", ask: "windows server 2025 rdp", nothing: "unknown-version" },
  { who: "nonsense", ask: "rdp on 2003", nothing: "unknown-version" },
  { who: "nonsense", ask: "\u0000\u0001\u0002\u0003", nothing: "unreadable" },
  { who: "nonsense", ask: "ssh", nothing: "no-match" },
  { who: "nonsense", ask: "sshd", nothing: "no-match" },
  { who: "nonsense", ask: "mysql 3306", nothing: "no-match" },
];
