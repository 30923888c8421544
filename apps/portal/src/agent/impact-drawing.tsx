import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AffectedService } from './agent-types';
import { impactGraph } from './impact-graph';

/** The id of the <style> element cytoscape adds to the page on its first drawing (unless an element of that id exists). */
const CYTOSCAPE_STYLESHEET_ID = '__________cytoscape_stylesheet';

/**
 * The portal's Content-Security-Policy (style-src 'self') refuses inline <style> elements, and the
 * refusal is a console error: an inert placeholder under that id keeps cytoscape from adding one; the
 * one rule it would add (its container positioned relative) is in styles.css (.impact-drawing).
 */
function preventInlineStylesheet(): void {
  if (document.getElementById(CYTOSCAPE_STYLESHEET_ID) !== null) return;
  const placeholder = document.createElement('template');
  placeholder.id = CYTOSCAPE_STYLESHEET_ID;
  document.head.append(placeholder);
}

/**
 * The impact path drawn with cytoscape, loaded by dynamic import() only when a record shows one (it
 * stays out of the portal's first load). A picture for sighted users: the same path is listed as text
 * beside it (`describedBy`), which is what assistive technology reads.
 */
export function ImpactDrawing({ services, describedBy }: { services: readonly AffectedService[]; describedBy: string }) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<string | undefined>(undefined);
  useEffect(() => {
    let destroyed = false;
    let destroy: (() => void) | undefined;
    preventInlineStylesheet();
    import('cytoscape')
      .then(({ default: cytoscape }) => {
        if (destroyed || container.current === null) return;
        const { nodes, edges } = impactGraph(services);
        const cy = cytoscape({
          container: container.current,
          elements: [...nodes.map((node) => ({ data: { id: node.id, label: node.label }, classes: node.role })), ...edges.map((edge) => ({ data: edge }))],
          layout: { name: 'breadthfirst', directed: true, padding: 16, spacingFactor: 1.1 },
          userZoomingEnabled: false,
          boxSelectionEnabled: false,
          autoungrabify: true,
          style: [
            { selector: 'node', style: { label: 'data(label)', 'background-color': '#4a5360', color: '#1b1f24', 'font-size': 12, 'text-valign': 'bottom', 'text-margin-y': 4, width: 22, height: 22 } },
            { selector: 'node.origin', style: { 'background-color': '#b3261e', shape: 'diamond' } },
            { selector: 'node.service', style: { 'background-color': '#0b57d0', shape: 'round-rectangle' } },
            { selector: 'edge', style: { label: 'data(label)', width: 2, 'line-color': '#6b7480', 'target-arrow-color': '#6b7480', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier', 'font-size': 11, color: '#1b1f24', 'text-background-color': '#ffffff', 'text-background-opacity': 1 } },
          ],
        });
        destroy = () => cy.destroy();
      })
      .catch((error: unknown) => !destroyed && setFailed(error instanceof Error ? error.message : String(error)));
    return () => {
      destroyed = true;
      destroy?.();
    };
  }, [services]);
  if (failed !== undefined) return <p className="hint">{t('agent.impact.drawingFailed', { message: failed })}</p>;
  return <div ref={container} className="impact-drawing" role="img" aria-label={t('agent.impact.drawing')} aria-describedby={describedBy} data-testid="impact-drawing" />;
}
