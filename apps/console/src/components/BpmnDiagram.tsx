import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface DiagramOverlay {
  elementId: string;
  html: string;
  position?: { top?: number; bottom?: number; left?: number; right?: number };
}

interface Canvas {
  zoom(level: 'fit-viewport'): void;
  addMarker(elementId: string, marker: string): void;
  findRoot(elementId: string): { id: string } | undefined;
  setRootElement(root: { id: string }): void;
  getRootElement(): { id: string };
}
interface Registry {
  get(id: string): unknown;
}
interface Overlays {
  add(elementId: string, overlay: { position: DiagramOverlay['position']; html: string }): void;
}

/**
 * A process drawn with bpmn-js (navigated viewer: pan with the mouse, zoom with the wheel), with
 * CSS markers on elements (completed, active, incident, ...) and HTML overlays (counts, badges).
 * `focus`: an element whose plane is shown first (a token inside a collapsed sub-process).
 */
export function BpmnDiagram({
  xml,
  markers,
  overlays = [],
  focus,
  label,
}: {
  xml: string;
  markers: Record<string, string[]>;
  overlays?: DiagramOverlay[];
  focus?: string;
  label: string;
}) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    if (!container.current) return;
    const viewer = new NavigatedViewer({ container: container.current });
    let cancelled = false;
    setReady(false);
    viewer
      .importXML(xml)
      .then(() => {
        if (cancelled) return;
        const canvas = viewer.get<Canvas>('canvas');
        const registry = viewer.get<Registry>('elementRegistry');
        const overlayService = viewer.get<Overlays>('overlays');
        for (const [marker, ids] of Object.entries(markers))
          for (const id of ids) if (registry.get(id)) canvas.addMarker(id, marker);
        for (const overlay of overlays)
          if (registry.get(overlay.elementId))
            overlayService.add(overlay.elementId, {
              position: overlay.position ?? { top: -14, right: 14 },
              html: overlay.html,
            });
        if (focus && registry.get(focus)) {
          const root = canvas.findRoot(focus);
          if (root && root.id !== canvas.getRootElement().id) canvas.setRootElement(root);
        }
        canvas.zoom('fit-viewport');
        setReady(true);
      })
      .catch((failure: Error) => setError(failure.message));
    return () => {
      cancelled = true;
      viewer.destroy();
    };
  }, [xml, markers, overlays, focus]);

  return (
    <figure className="diagram-figure">
      <div
        ref={container}
        className="diagram"
        role="img"
        aria-label={label}
        data-testid="diagram"
        data-ready={ready ? 'true' : 'false'}
        tabIndex={0}
      />
      <figcaption className="muted">{t('monitor.diagramHelp')}</figcaption>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </figure>
  );
}
