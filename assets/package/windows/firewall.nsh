; Windows' firewall and the phones (included by installer.nsi).
;
; The phones reach the laptop's participant server over the room's network.
; Windows' firewall would ask on the app's first listen, often in front of a
; room and behind the projected window. The all-users install runs as
; administrator and allows the app once, on private networks only (a
; hotspot or the workshop's Wi-Fi set to "private"), never on public ones.
; A per-user install cannot add a rule: the app's invitation panel and the
; README say what to do then.

!define FIREWALL_RULE "Wandzeitung (Handys im Workshop)"

!macro FirewallAllow PROGRAM
  nsExec::ExecToLog 'netsh advfirewall firewall delete rule name="${FIREWALL_RULE}"'
  Pop $0
  nsExec::ExecToLog 'netsh advfirewall firewall add rule name="${FIREWALL_RULE}" dir=in action=allow program="${PROGRAM}" enable=yes profile=private protocol=TCP'
  Pop $0
!macroend

!macro FirewallRemove
  nsExec::ExecToLog 'netsh advfirewall firewall delete rule name="${FIREWALL_RULE}"'
  Pop $0
!macroend
