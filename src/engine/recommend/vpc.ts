/** Decision 7: VPC layout. Attach only for private resources; then subnets, NAT and endpoints with their cost. */
import { LIMITS, regionPrices, references } from '../facts/index.ts';
import type { Design, Rationale } from '../design.ts';
import { vpcMonthlyUsd } from '../cost/index.ts';
import type { Context } from './context.ts';
import { num, usd } from './format.ts';

export type Vpc = Design['vpc'];

export interface VpcDecision {
  readonly value: Vpc;
  readonly rationale: Rationale;
}

/** Availability Zones (one private subnet each) the advisor lays out: the least that survives an AZ outage. */
export const VPC_AZS = 2;
/** AWS services reachable through free gateway endpoints. */
const GATEWAY_SERVICES = new Set(['s3', 'dynamodb']);
/** NAT gateways may take at most this share of a stated budget before the advisor drops to one. */
const NAT_BUDGET_SHARE = 0.5;

export function decideVpc(c: Context): VpcDecision {
  const s = c.s;
  const n = s.network;
  if (!n.privateResources) {
    return {
      value: { attach: false, subnets: 0, natGateways: 0, gatewayEndpoints: [], interfaceEndpoints: [], ipv6Egress: false, monthlyUsd: 0 },
      rationale: {
        title: 'VPC',
        summary: 'Not attached to a VPC',
        why:
          'The function reaches no private resources, so it stays outside any VPC: it keeps internet access and public AWS endpoints without a NAT gateway' +
          (n.internetEgress ? ' (needed for its internet egress)' : '') +
          ', and functions outside a VPC get the higher network bandwidth of large memory sizes.',
        tradeOff: 'Attach it to a VPC only when it must reach something private (RDS, ElastiCache, internal services); that brings subnets, security groups and, for internet access, NAT costs.',
        references: references('vpc'),
      },
    };
  }
  const p = regionPrices(s.region);
  const subnets = VPC_AZS;
  const gatewayEndpoints = n.awsServices.filter((x) => GATEWAY_SERVICES.has(x));
  const others = n.awsServices.filter((x) => !GATEWAY_SERVICES.has(x));
  // Traffic to each AWS service, as the bill prices it: network.awsServicesGbPerMonth split over the
  // services, or one payload per request in all.
  const totalGb = n.awsServicesGbPerMonth ?? (c.monthly * s.traffic.payloadKb) / (1_024 * 1_024);
  const gbPerService = n.awsServices.length > 0 ? totalGb / n.awsServices.length : 0;
  const gbWhy =
    n.awsServicesGbPerMonth !== undefined
      ? `~${num(gbPerService)} GB a month each (network.awsServicesGbPerMonth split over ${n.awsServices.length})`
      : `~${num(gbPerService)} GB a month each (one ${num(s.traffic.payloadKb)} KB payload per request, split over ${n.awsServices.length}; give network.awsServicesGbPerMonth for yours)`;

  const layout = (nat: number, endpoints: readonly string[]) => ({ attach: true, natGateways: nat, interfaceEndpoints: endpoints, subnets });
  // Every amount quoted below is what the bill charges for that layout (one computation, cost/index.ts).
  const costOf = (nat: number, endpoints: readonly string[]) => vpcMonthlyUsd(s, layout(nat, endpoints));
  let natGateways = 0;
  let interfaceEndpoints: string[] = [];
  const notes: string[] = [];
  if (n.internetEgress) {
    natGateways = subnets;
    const budget = s.budget.monthlyUsd;
    if (budget !== undefined && costOf(subnets, []) > budget * NAT_BUDGET_SHARE) {
      natGateways = 1;
      notes.push(`One NAT gateway instead of one per AZ: ${subnets} would take more than ${Math.round(NAT_BUDGET_SHARE * 100)}% of the ${usd(budget)} budget; if its AZ fails, internet egress stops until it is back.`);
    } else {
      notes.push(`Internet egress needs a NAT gateway: one per AZ (${subnets}), so an AZ outage does not cut egress for the other AZ.`);
    }
    if (others.length) {
      const viaNat = costOf(natGateways, []);
      const viaEndpoints = costOf(natGateways, others);
      interfaceEndpoints = viaEndpoints < viaNat ? [...others] : [];
      notes.push(
        interfaceEndpoints.length
          ? `Interface endpoints for ${interfaceEndpoints.join(', ')}: the VPC costs ${usd(viaEndpoints)} a month with them against ${usd(viaNat)} with that traffic through NAT, for ${gbWhy}.`
          : `${others.join(', ')} ${others.length === 1 ? 'goes' : 'go'} through the NAT gateway: the VPC costs ${usd(viaNat)} a month that way against ${usd(viaEndpoints)} with interface endpoints, for ${gbWhy}.`,
      );
    }
  } else if (others.length) {
    const withEndpoints = costOf(0, others);
    const withNat = costOf(subnets, []);
    if (withEndpoints <= withNat) {
      interfaceEndpoints = [...others];
      notes.push(`No internet egress: interface endpoints for ${others.join(', ')} (${usd(withEndpoints)} a month) cost less than NAT gateways (${usd(withNat)}) for ${gbWhy}, and keep the function off the internet.`);
    } else {
      natGateways = subnets;
      notes.push(`Interface endpoints for ${others.length} services would cost ${usd(withEndpoints)} a month, more than NAT gateways (${usd(withNat)}) for ${gbWhy}, so the AWS APIs are reached through NAT (which also opens internet egress: restrict it with security groups).`);
    }
  } else {
    notes.push('No internet egress and no AWS APIs beyond gateway endpoints: no NAT gateway at all.');
  }
  if (gatewayEndpoints.length) notes.unshift(`Gateway endpoints for ${gatewayEndpoints.join(' and ')} are free and keep that traffic off NAT.`);
  const value: Vpc = {
    attach: true,
    subnets,
    natGateways,
    gatewayEndpoints,
    interfaceEndpoints,
    ipv6Egress: false,
    monthlyUsd: vpcMonthlyUsd(s, layout(natGateways, interfaceEndpoints)),
  };
  return {
    value,
    rationale: {
      title: 'VPC',
      summary:
        `Private subnets in ${subnets} AZs` +
        (natGateways ? `, ${natGateways} NAT gateway${natGateways > 1 ? 's' : ''}` : ', no NAT') +
        (gatewayEndpoints.length ? `, gateway endpoints: ${gatewayEndpoints.join(', ')}` : '') +
        (interfaceEndpoints.length ? `, interface endpoints: ${interfaceEndpoints.join(', ')}` : '') +
        ` (${usd(value.monthlyUsd)} a month)`,
      why:
        `The function reaches private resources, so it joins the VPC in private subnets in ${subnets} Availability Zones (the least that survives an AZ outage; the 2019 article said three, which is also fine where the database spans three AZs, at the cost of one more NAT gateway and endpoint per AZ). ` +
        notes.join(' ') +
        ` A function can use up to ${LIMITS.vpcMaxSubnets.value} subnets and ${LIMITS.vpcMaxSecurityGroups.value} security groups.`,
      tradeOff:
        'NAT gateways are billed by the hour even when idle and per GB processed. If the internet services you call support IPv6, dual-stack subnets with an egress-only internet gateway avoid NAT charges for that traffic.',
      references: references('vpc', 'hyperplane', LIMITS.vpcMaxSubnets, ...[p?.nat.perHour, p?.interfaceEndpoint.perHourPerAz].filter((x) => x != null), 'ipv6'),
      articleCorrection:
        'The 2019 article warned that each Lambda container creates its own ENI in a VPC, with slow cold starts and IP exhaustion; since September 2019 functions share Hyperplane ENIs per subnet and security group, created with the function, so there is no per-container ENI and no VPC cold-start penalty.',
    },
  };
}
