import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';

/** One settings section: a titled card with a short line saying what it is for. */
export function SectionCard(props: { title: string; description: string; children: ReactNode; id: string }) {
  return (
    <Card variant="outlined" component="section" aria-labelledby={props.id} sx={{ mb: 2 }}>
      <CardContent>
        <Typography variant="h6" component="h2" id={props.id}>
          {props.title}
        </Typography>
        <Typography color="text.secondary" sx={{ mb: 2 }}>
          {props.description}
        </Typography>
        {props.children}
      </CardContent>
    </Card>
  );
}
