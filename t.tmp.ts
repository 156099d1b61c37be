import { analyze } from './src/engine';
const t = `[    2.515106] hv_pci 3f1c55e2-8d04-4c1a-b6b7-0d2e9a41c377: PCI VMBus probing: Using version 0x10004
[    2.612370] mlx5_core 8d04:00:02.0: enabling device (0000 -> 0002)
[    2.712887] hv_netvsc 6045bd7e-94a1-6045-bd7e-94a16045bd7e eth0: VF slot 1 added
[    2.837519] hv_netvsc 6045bd7e-94a1-6045-bd7e-94a16045bd7e eth0: VF registering: eth1
[    2.837566] mlx5_core 8d04:00:02.0 eth1: joined to eth0
[    3.404129] hv_netvsc 6045bd7e-94a1-6045-bd7e-94a16045bd7e eth0: Data path switched to VF: eth1
`;
const t2 = `[    2.712887] hv_netvsc 6045bd7e-94a1-6045-bd7e-94a16045bd7e eth0: VF slot 1 added
[    2.715106] hv_pci 3f1c55e2-8d04-4c1a-b6b7-0d2e9a41c377: PCI VMBus probing: Using version 0x10004
[    2.837519] hv_netvsc 6045bd7e-94a1-6045-bd7e-94a16045bd7e eth0: VF registering: eth1
[    2.837566] mlx5_core 8d04:00:02.0 eth1: joined to eth0
[   40.100000] hv_netvsc 6045bd7e-94a1-6045-bd7e-94a16045bd7e eth0: VF unregistering: eth1
[   40.200000] hv_netvsc 6045bd7e-94a1-6045-bd7e-94a16045bd7e eth0: VF slot 1 removed
`;
const t3 = `[    2.712887] hv_netvsc 6045bd7e-94a1-6045-bd7e-94a16045bd7e eth0: VF slot 1 added
[    2.715106] hv_pci 3f1c55e2-8d04-4c1a-b6b7-0d2e9a41c377: PCI VMBus probing: Using version 0x10004
[    2.812370] mlx5_core 8d04:00:02.0: mlx5_function_setup:1121:(pid 312): failed to enable hca
[  122.0] systemd[1]: Started foo.
`;
for (const x of [t, t2, t3]) { const r = analyze(x, { fileName: 'dmesg' }); console.log(r.dialect, r.events.map(e => `${e.line} ${e.verb} ${e.attrs.guest} vf=${e.ids.vf} ep=${e.episode}`)); console.log(r.episodes.map(e => `${e.index} ${e.title} ${e.firstLine}-${e.lastLine} ${e.steps.filter(s=>s.state!=='not-seen').map(s=>s.id+'='+s.state).join(' ')}`)); console.log(r.diagnostics.map(d=>`${d.span.line} ${d.rule} ${d.message}`)); }
